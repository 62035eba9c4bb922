package io.hwnas.hw;

import io.hwnas.hw.spec.CostModels;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.cost.CostModel;
import io.hwnas.hant.ChainNetwork;
import io.hwnas.hant.CostTable;
import io.hwnas.hant.Op;
import io.hwnas.hant.OpCost;
import io.hwnas.hant.OpLibrary;
import io.hwnas.hant.TeacherSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HANT's ILP adds per-layer latencies; that is only sound if a device's estimate of any assembled net equals
 * the fixed part plus the per-layer shares. Checked here with the real analytical models, on whole nets.
 */
class HantCostTableTest {
    private static final List<Op> LIBRARY = List.of(Op.conv(3, ActivationType.RELU), Op.conv(5, ActivationType.SILU),
            Op.conv(1, ActivationType.RELU), Op.depthwiseSeparable(3, ActivationType.RELU),
            Op.mbconv(3, 2, ActivationType.RELU), Op.mbconv(5, 4, ActivationType.HARD_SWISH), Op.identity());

    @ParameterizedTest
    @ValueSource(strings = {"ethos-u55-128", "cortex-m7", "cortex-a76", "host-cpu", "mali-g76-mp10"})
    void wholeNetEstimatesAreTheSumOfTheTable(String device) {
        CostModel model = CostModels.resolve(device);
        ChainNetwork net = new ChainNetwork(TeacherSpec.preset());
        CostTable table = CostTable.of(net, new OpLibrary(LIBRARY), model);
        assertEquals(model.estimate(net.teacher()).latencyMs(), table.teacherMs(), 1e-9 * table.teacherMs());
        long fixedMacs = ArchitectureCounts.of(net.teacher()).macs()
                - table.byLayer().stream().mapToLong(l -> l.get(0).macs()).sum();
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 40; trial++) {
            int[] choice = new int[table.layers()];
            List<Op> ops = new ArrayList<>();
            long macs = fixedMacs;
            for (int i = 0; i < choice.length; i++) {
                choice[i] = rng.nextInt(table.layer(i).size());
                OpCost c = table.layer(i).get(choice[i]);
                ops.add(c.op());
                macs += c.macs();
            }
            Architecture arch = net.assemble("trial" + trial, ops);
            double estimated = model.estimate(arch).latencyMs();
            assertEquals(estimated, table.latencyMs(choice), 1e-9 * estimated, device + " " + ops);
            assertEquals(ArchitectureCounts.of(arch).macs(), macs, ops.toString());
        }
        assertTrue(table.cheapestMs() < table.teacherMs());
    }
}
