package io.hwnas.hant;

import io.hwnas.arch.Architecture;
import io.hwnas.data.DatasetSplit;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.transform.Dl4jParameters;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Trains the teacher HANT starts from (HANT assumes a trained network; hwnas trains its own, seeded). */
public final class TeacherTrainer {

    private TeacherTrainer() {
    }

    public static TrainedTeacher train(ChainNetwork network, DatasetSplit data, TrainingSettings settings, long seed) {
        Architecture arch = network.teacher();
        ComputationGraph graph = GraphBuilder.build(arch, seed, settings.learningRate());
        TrainingOutcome outcome = Trainer.trainAndEvaluate(graph, arch, data, settings, seed, Integer.MAX_VALUE);
        if (!Double.isFinite(outcome.loss())) {
            throw new IllegalStateException("teacher training diverged: validation loss " + outcome.loss()
                    + " (lower teacherTraining.learningRate)");
        }
        return new TrainedTeacher(TeacherSnapshot.of(network, Dl4jParameters.read(arch, graph)), outcome);
    }
}
