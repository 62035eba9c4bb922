package io.hwnas.hant;

import io.hwnas.arch.ActivationType;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.space.ImageInput;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** HANT phase 1 on a real (small) teacher trained on real Fashion-MNIST. */
@Tag("slow") // about 50 s of distillation: left out of `mvn test`, run by scripts/test
class DistillerTest {
    private static final Op TEACHER_OP = Op.conv(3, ActivationType.RELU);
    private static final List<Op> ALTERNATIVES = List.of(Op.conv(1, ActivationType.RELU),
            Op.depthwiseSeparable(3, ActivationType.RELU), Op.identity());
    private static final DataSettings DATA = new DataSettings(FashionMnist.DEFAULT_DIRECTORY, 768, 256, 0, 5);
    private static TrainedTeacher teacher;
    private static Distiller distiller;

    @BeforeAll
    static void trainTeacher() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        ChainNetwork network = new ChainNetwork(new TeacherSpec(new ImageInput(1, 28, 28), 10,
                new StemSpec(16, 3, 2, ActivationType.RELU),
                List.of(new TeacherLayer(16, 1, TEACHER_OP), new TeacherLayer(32, 2, TEACHER_OP),
                        new TeacherLayer(32, 1, TEACHER_OP))));
        teacher = TeacherTrainer.train(network, DatasetCache.get(DATA), new TrainingSettings(3, 32, 5e-3), 1);
        distiller = new Distiller(teacher.snapshot(), DATA, new DistillationSettings(384, 256, 80, 32, 3e-3));
    }

    @Test
    void distillationLowersTheErrorAndTheTeachersOwnOpDistilsBestSomewhere() {
        assertTrue(teacher.outcome().accuracy() > 0.5, "teacher accuracy " + teacher.outcome().accuracy());
        OpLibrary library = new OpLibrary(ALTERNATIVES);
        boolean teacherOpBestSomewhere = false;
        Map<String, Double> scores = new HashMap<>();
        for (LayerSlot slot : teacher.snapshot().network().slots()) {
            List<DistillationResult> layer = new ArrayList<>();
            for (Op op : library.candidates(slot)) {
                DistillationResult r = distiller.distil(new DistillationUnit(slot.index(), op, 100 + slot.index()));
                assertTrue(r.ok(), r.error());
                layer.add(r);
                scores.put(StudentWeights.key(slot.index(), op), r.score());
                assertEquals(-r.mse() / r.teacherVariance(), r.score(), 1e-12);
                if (op.kind() == OpKind.IDENTITY) {
                    assertEquals(r.initialMse(), r.mse(), 0, "identity is not trained");
                    assertTrue(r.weights().byNode().isEmpty());
                } else {
                    assertTrue(r.mse() < 0.75 * r.initialMse(), "layer " + slot.index() + " " + op + ": distilled MSE "
                            + r.mse() + " vs untrained " + r.initialMse());
                    assertTrue(r.weights().byNode().keySet().stream().allMatch(id -> id.startsWith(slot.prefix())));
                }
            }
            DistillationResult best = layer.stream().max(Comparator.comparingDouble(DistillationResult::score)).orElseThrow();
            double own = layer.get(0).score();
            assertEquals(TEACHER_OP, layer.get(0).op(), "the teacher's op is every layer's first candidate");
            // near-best: within 5% of the score range of that layer, or 0.02 in absolute terms
            double range = best.score() - layer.stream().mapToDouble(DistillationResult::score).min().orElseThrow();
            if (best.score() - own <= Math.max(0.02, 0.05 * range)) {
                teacherOpBestSomewhere = true;
            }
        }
        assertTrue(teacherOpBestSomewhere, "the teacher's own op distils best or near-best on some layer: " + scores);
        assertTrue(scores.get("2:identity") < scores.get("2:conv3x3-relu"), "dropping a layer is worse than mimicking it");
    }

    @Test
    void assembledStudentStartsCloseToTheTeacher() {
        // layer 2 replaced by a distilled 5x5 conv, which can represent the 3x3 it mimics: if the distilled weights
        // land on the right nodes (BN statistics included), the student starts near the teacher without fine-tuning
        ChainNetwork network = teacher.snapshot().network();
        Op wide = Op.conv(5, ActivationType.RELU);
        DistillationResult distilledWide = distiller.distil(new DistillationUnit(2, wide, 7));
        List<Op> ops = network.teacherWith(2, wide);
        FineTuner asAssembled = new FineTuner(teacher.snapshot(), Map.of(StudentWeights.key(2, wide),
                distilledWide.weights()), DATA, new FineTuneSettings(0, 32, 1e-3, 1));
        FineTuneResult student = asAssembled.fineTune(new FineTuneUnit(0, ops, 3));
        double teacherAccuracy = teacher.outcome().accuracy();
        assertTrue(student.accuracyBefore() > teacherAccuracy - 0.1, "student with a distilled 5x5 layer (score "
                + distilledWide.score() + ") starts at " + student.accuracyBefore() + ", teacher " + teacherAccuracy);
        FineTuneResult teacherAgain = asAssembled.fineTune(new FineTuneUnit(1, network.teacherOps(), 3));
        assertEquals(teacherAccuracy, teacherAgain.accuracyBefore(), 1e-9, "the teacher's own weights are used as they are");
    }
}
