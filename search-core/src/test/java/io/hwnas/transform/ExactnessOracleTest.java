package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hwnas.transform.Nets.builder;
import static io.hwnas.transform.Nets.conv;
import static io.hwnas.transform.Nets.dw;
import static io.hwnas.transform.Nets.withHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactnessOracleTest {

    private static Architecture convBn() {
        ArchitectureBuilder b = builder("conv-bn", 3, 8, 8);
        b.add("c", conv(4, 3, 1, 1, true));
        b.add("bn", BatchNorm.standard());
        return withHead(b);
    }

    @Test
    void aFoldThatIgnoresTheBatchNormStatisticsIsCaught() {
        Architecture arch = convBn();
        TransformResult right = new BatchNormFold().apply(arch, "bn");
        WeightMapper wrong = p -> p.without(List.of("c")).with("bn", p.get("c"));
        TransformResult broken = new TransformResult(right.architecture(), wrong, right.rewrites());
        OracleReport report = new ExactnessOracle(3, 2).compare(arch, broken);
        assertTrue(report.maxAbsDiff() > 1e-2, report.toString());
        assertTrue(new ExactnessOracle(3, 2).compare(arch, right).within(ExactnessOracle.FP32_TOLERANCE));
    }

    @Test
    void parametersSurviveARoundTripThroughDl4j() {
        ArchitectureBuilder b = builder("layouts", 4, 7, 7);
        b.add("c", conv(6, 3, 2, 1, true));
        b.add("bn", BatchNorm.standard());
        b.add("dw", dw(3, 1, 1, 2, true));
        b.add("g", conv(12, 3, 1, 1, false).withGroups(12));
        b.add("gp", io.hwnas.arch.GlobalPool.avg());
        b.add("fc", io.hwnas.arch.Dense.of(3));
        Architecture arch = b.build();
        ComputationGraph g = GraphBuilder.build(arch, 5, 1e-3);
        Parameters p = Dl4jParameters.read(arch, g);
        assertEquals(List.of(12, 1, 3, 3), List.of(p.conv("dw").weight().dim(0), p.conv("dw").weight().dim(1),
                p.conv("dw").weight().dim(2), p.conv("dw").weight().dim(3)));
        assertEquals(3, p.dense("fc").weight().dim(0));
        ComputationGraph other = GraphBuilder.build(arch, 6, 1e-3);
        Dl4jParameters.write(arch, p, other);
        assertEquals(g.params(), other.params());
    }
}
