package io.hwnas.hant;

import io.hwnas.arch.ActivationType;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.hant.ilp.AssignmentProblem;
import io.hwnas.hant.ilp.Option;
import io.hwnas.transform.Parameters;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Everything HANT ships to Spark executors survives Java serialization (records re-run their validation). */
class HantSerializationTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void unitsResultsAndSettingsRoundTrip() throws Exception {
        ChainNetwork net = new ChainNetwork(TeacherSpec.preset());
        List<Op> ops = net.teacherWith(2, Op.mbconv(3, 4, ActivationType.HARD_SWISH));
        for (Object o : List.of(new FineTuneUnit(3, ops, 9), new DistillationUnit(1, Op.identity(), 5), net,
                new OpLibrary(List.of(Op.conv(1, ActivationType.RELU), Op.identity())),
                new DistillationSettings(64, 32, 10, 16, 1e-3), new FineTuneSettings(1, 32, 1e-3, 100),
                new DistillationResult(0, Op.identity(), -0.5, 0.2, 0.2, 0.4, 0, 0, Parameters.empty(), null),
                new FrontPoint(1, ops, -1, 0.5, 0.5, 1.2, 0.7, 0.8, 0.01, 100, 10, 3),
                new AssignmentProblem(List.of(List.of(new Option("a", -1, 2)))), new TrainingSettings(1, 32, 1e-3),
                TeacherSpec.preset())) {
            assertEquals(o, roundTrip(o), o.getClass().getSimpleName());
        }
    }
}
