package io.hwnas.search;

import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.tabular.TabularSpace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a surrogate may take as known on a table: every column but the training ones, exactly as the table has it. */
class SurrogateFeaturesTest {

    @Test
    void aTablesTrainingFreeColumnsAreExactAndItsMissingRowsInadmissible(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path table = dir.resolve("t.csv");
        Files.writeString(table, """
                op,width,accuracy,accuracy_se,macs,latency_ms_npu
                conv,narrow,0.80,0.01,1000,0.5
                conv,wide,0.85,0.01,4000,1.5
                skip,narrow,0.70,0.02,10,0.1
                """);
        TabularSpace space = new TabularSpace(List.of(new Dimension("op", List.of("conv", "skip")),
                new Dimension("width", List.of("narrow", "wide"))), table.toString());
        SurrogateFeatures features = new SurrogateFeatures(space);
        assertEquals(Set.of("macs", "latency_ms_npu"),
                features.exact(Set.of("accuracy", "accuracy_se", "macs", "latency_ms_npu")));
        Choice wideConv = new Choice(List.of(0, 1));
        assertEquals(4000, features.value(wideConv, "macs"));
        assertEquals(1.5, features.value(wideConv, "latency_ms_npu"));
        assertTrue(features.admissible(wideConv));
        assertFalse(features.admissible(new Choice(List.of(1, 1))), "skip/wide is not a row");
        // option indices, then log MACs (the table has no parameter count)
        assertEquals(List.of(0.0, 1.0, Math.log1p(4000)), java.util.Arrays.stream(features.of(wideConv)).boxed().toList());
    }
}
