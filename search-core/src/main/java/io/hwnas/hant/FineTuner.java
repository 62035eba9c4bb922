package io.hwnas.hant;

import io.hwnas.arch.Architecture;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.DatasetSplit;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.Parameters;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.Map;

/**
 * HANT phase 3 wherever it runs: assembles a chosen net, starts it from the teacher's and the distilled
 * weights ({@link StudentWeights}), fine-tunes it briefly and measures validation accuracy before and after.
 */
public final class FineTuner implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FineTuner.class);

    private final TeacherSnapshot teacher;
    private final Map<String, Parameters> distilled;
    private final DataSettings data;
    private final FineTuneSettings settings;

    /** @param distilled the distilled weights the units need, by {@link StudentWeights#key} */
    public FineTuner(TeacherSnapshot teacher, Map<String, Parameters> distilled, DataSettings data,
                     FineTuneSettings settings) {
        if (teacher == null || distilled == null || data == null || settings == null) {
            throw new IllegalArgumentException("teacher, distilled weights, data and settings are required");
        }
        this.teacher = teacher;
        this.distilled = Map.copyOf(distilled);
        this.data = data;
        this.settings = settings;
    }

    public FineTuneResult fineTune(FineTuneUnit unit) {
        Architecture arch = teacher.network().assemble("student-" + unit.id(), unit.ops());
        ComputationGraph graph = GraphBuilder.build(arch, unit.seed(), settings.learningRate());
        Dl4jParameters.write(arch, StudentWeights.assemble(teacher, unit.ops(), distilled), graph);
        DatasetSplit split = DatasetCache.get(data);
        TrainingOutcome before = Trainer.trainAndEvaluate(graph, arch, split, settings.training().withEpochs(0),
                unit.seed(), 0);
        TrainingOutcome after = settings.epochs() == 0 ? before
                : Trainer.trainAndEvaluate(graph, arch, split, settings.training(), unit.seed(), settings.trainSamples());
        LOG.info("student {} {}: accuracy {} as assembled, {} after fine-tuning ({} s)", unit.id(), unit.ops(),
                before.accuracy(), after.accuracy(), Math.round(after.trainSeconds() * 10) / 10.0);
        return new FineTuneResult(unit.id(), before.accuracy(), after.accuracy(), after.loss(), after.trainSeconds(),
                after.trainSamples());
    }
}
