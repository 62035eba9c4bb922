package io.hwnas.space;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.LayerCount;
import io.hwnas.arch.PoolKind;
import io.hwnas.arch.Size2;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.ExactnessOracle;
import io.hwnas.transform.OracleReport;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSpaceTest {

    private static KernelSpace space(List<Integer> kernels, int firstStageKernel) {
        return new KernelSpace(new ImageInput(1, 28, 28), 10,
                List.of(new ConvStage(8, 2, firstStageKernel, PoolKind.MAX), new ConvStage(16, 1, 3, PoolKind.MAX)),
                null, null, kernels);
    }

    private static long macs(Architecture arch, String node) {
        return ArchitectureCounts.of(arch).layers().stream().filter(l -> l.nodeId().equals(node))
                .mapToLong(LayerCount::macs).sum();
    }

    @Test
    void everyConvOfAStageTakesItsKernelAtKSquaredTheMacs() {
        KernelSpace s = space(List.of(3, 5, 7), 3);
        assertEquals(List.of("kernel.s0", "kernel.s1"), s.dimensions().stream().map(Dimension::name).toList());
        assertEquals(List.of("3x3", "5x5", "7x7"), s.dimensions().get(0).options());
        assertEquals(BigInteger.valueOf(9), s.size());
        Architecture a = s.decode(Choice.of(2, 1));
        assertEquals(new Size2(7, 7), ((Conv2d) a.node("s0.c0.conv").layer()).kernel());
        assertEquals(new Size2(7, 7), ((Conv2d) a.node("s0.c1.conv").layer()).kernel());
        assertEquals(new Size2(5, 5), ((Conv2d) a.node("s1.c0.conv").layer()).kernel());
        assertEquals(a.shape("s1.pool"), s.decode(Choice.of(0, 0)).shape("s1.pool"), "'same' padding keeps shapes");
        Architecture small = s.decode(Choice.of(0, 0));
        assertEquals(macs(small, "s0.c1.conv") * 49, macs(a, "s0.c1.conv") * 9);
    }

    @Test
    void baselineIsEachStagesOwnKernelWhereOffered() {
        assertEquals(Choice.of(0, 0), space(List.of(3, 5), 3).baseline());
        assertEquals(Choice.of(1, 0), space(List.of(3, 5), 5).baseline());
        assertEquals(Choice.of(0, 1), space(List.of(5, 3), 7).baseline(), "7 is not offered: option 0");
    }

    @Test
    void everyPointDeploysWithBatchNormFoldedExactly() {
        KernelSpace s = space(List.of(1, 3, 5), 3);
        ExactnessOracle oracle = new ExactnessOracle(7, 2);
        for (Choice c : Sampling.distinct(s, 3, 11)) {
            CollapseResult deployed = s.deploy(c);
            ArchitectureCounts trained = ArchitectureCounts.of(s.decode(c));
            ArchitectureCounts shipped = ArchitectureCounts.of(deployed.architecture());
            assertEquals(trained.macs(), shipped.macs(), c.toString());
            assertTrue(shipped.trainableParams() < trained.trainableParams(), c.toString());
            OracleReport report = oracle.compare(s.decode(c), deployed.result());
            assertTrue(report.withinFp32Rounding(), report + " exceeds " + report.fp32Bar());
        }
    }

    @Test
    void badKernelsAreRefusedByName() {
        for (List<Integer> bad : List.of(List.<Integer>of(), List.of(3, 4), List.of(3, 3), List.of(0))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> space(bad, 3));
            assertTrue(e.getMessage().contains("field 'kernels'"), e.getMessage());
        }
        KernelSpace s = space(List.of(3, 5), 3);
        assertThrows(IllegalArgumentException.class, () -> s.decode(Choice.of(2, 0)));
        assertEquals(ActivationType.RELU, s.activation());
    }
}
