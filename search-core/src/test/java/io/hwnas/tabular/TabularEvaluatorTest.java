package io.hwnas.tabular;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.ResultTable;
import io.hwnas.eval.Status;
import io.hwnas.pareto.Objective;
import io.hwnas.search.Bound;
import io.hwnas.search.RandomSearch;
import io.hwnas.search.Search;
import io.hwnas.search.SearchGoal;
import io.hwnas.search.SearchOutcome;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TabularEvaluatorTest {
    @TempDir
    Path dir;

    private static final List<Dimension> DIMS = List.of(new Dimension("op1", List.of("a", "b", "c")),
            new Dimension("op2", List.of("x", "y")));
    private static final String HEADER = "op2,op1,accuracy,macs,latency_ms_ethos_u55_128,fps_ethos_u55_128,"
            + "peak_memory_bytes_ethos_u55_128,fits_on_chip_ethos_u55_128,naswot\n";

    private TabularSpace space(String csv) throws IOException {
        Path table = dir.resolve("t.csv");
        Files.writeString(table, csv);
        return new TabularSpace(DIMS, table.toString());
    }

    private static Candidate candidate(TabularSpace space, int id, int... genes) {
        return Candidate.of(space, Choice.of(genes), id, 3, 42);
    }

    @Test
    void looksPointsUpWithEveryMetricInItsResultColumn() throws IOException {
        TabularSpace space = space(HEADER
                + "x,a,0.91,1200000,2.5,400.0,65536,true,-12.5\n"
                + "y, b ,0.87,1.5e6,3.0,333.3,131072,0,1.5\n");
        TabularEvaluator eval = TabularEvaluator.load(space);
        assertEquals(2, eval.size());
        assertEquals(List.of("ethos_u55_128"), eval.devices());
        assertEquals(List.of("naswot"), eval.proxies());
        EvaluationResult r = eval.evaluate(List.of(candidate(space, 7, 0, 0))).get(0);
        assertEquals(Status.OK, r.status());
        assertEquals(7, r.candidateId());
        assertEquals(3, r.generation());
        assertEquals(candidate(space, 7, 0, 0).seed(), r.seed());
        assertEquals(candidate(space, 7, 0, 0).fingerprint(), r.fingerprint());
        assertEquals(0.91, r.accuracy());
        assertEquals(1_200_000, r.macs());
        assertEquals(-1, r.trainableParams(), "a count the table lacks reads as -1");
        assertTrue(Double.isNaN(r.loss()), "a decimal the table lacks reads as NaN");
        assertEquals(2.5, r.device("ethos_u55_128").latencyMs());
        assertEquals(65536, r.device("ethos_u55_128").peakMemoryBytes());
        assertTrue(r.device("ethos_u55_128").fitsOnChip());
        assertEquals(-12.5, r.proxy("naswot"));

        EvaluationResult b = eval.evaluate(List.of(candidate(space, 8, 1, 1))).get(0);
        assertEquals(1_500_000, b.macs(), "counts may be written in scientific notation");
        assertFalse(b.device("ethos_u55_128").fitsOnChip());

        // the columns a search goal names are the table's
        ResultTable table = eval.resultTable();
        assertEquals(3.0, table.number(b, "latency_ms_ethos_u55_128"));
        assertEquals(1.5, table.number(b, "naswot"));
        new SearchGoal(List.of(Objective.maximize("naswot"), Objective.minimize("latency_ms_ethos_u55_128")),
                List.of(Bound.atMost("macs", 2e6)), new double[] {-100, 10}, table);
    }

    @Test
    void devicesCanBeNamedByTheirIds() throws IOException {
        TabularSpace space = space(HEADER + "x,a,0.9,1,2.5,400,1,true,0\n");
        TabularEvaluator eval = TabularEvaluator.load(space, space.lookupTable(), List.of("ethos-u55-128"));
        assertEquals(List.of("ethos-u55-128"), eval.devices());
        EvaluationResult r = eval.evaluate(List.of(candidate(space, 0, 0, 0))).get(0);
        assertEquals(400.0, r.device("ethos-u55-128").fps());
        assertEquals(400.0, eval.resultTable().number(r, "fps_ethos_u55_128"));
        assertError("no columns for device 'host-cpu'",
                () -> TabularEvaluator.load(space, space.lookupTable(), List.of("host-cpu")));
    }

    @Test
    void aPointMissingFromTheTableFailsAndTheSearchGoesOn() throws IOException {
        TabularSpace space = space(HEADER + "x,a,0.9,1,2.5,400,1,true,0\n" + "y,c,0.95,2,2.0,500,1,true,1\n");
        TabularEvaluator eval = TabularEvaluator.load(space);
        EvaluationResult r = eval.evaluate(List.of(candidate(space, 4, 1, 0))).get(0);
        assertEquals(Status.FAILED, r.status());
        assertEquals(4, r.candidateId());
        assertTrue(r.error().contains("{op1=b, op2=x}") && r.error().contains("is not in table"), r.error());

        SearchGoal goal = new SearchGoal(List.of(Objective.maximize("accuracy"), Objective.minimize("macs")),
                List.of(), new double[] {0, 10}, eval.resultTable());
        SearchOutcome out = new Search(space, eval, goal, 1).run(new RandomSearch(space, 1, 2), 6, null);
        assertEquals(6, out.results().size(), "the whole space is evaluated");
        assertEquals(4, out.results().stream().filter(e -> !e.ok()).count());
        assertEquals(2, goal.front(out.current()).size());
    }

    @Test
    void aTableThatDisagreesWithTheSpaceIsRejectedNamingFileLineColumnAndValue() throws IOException {
        String file = dir.resolve("t.csv").toString();
        assertLoadError("t.csv has no column for dimension 'op2'", "op1,accuracy\na,0.5\n");
        assertLoadError(file + " line 3, column 'op1': option 'd' is not declared in the space (options: [a, b, c])",
                HEADER + "x,a,0.9,1,2.5,400,1,true,0\n" + "x,d,0.9,1,2.5,400,1,true,0\n");
        assertLoadError(file + " line 4 repeats the point {op1=a, op2=x} of line 2",
                HEADER + "x,a,0.9,1,2.5,400,1,true,0\n" + "y,a,0.9,1,2.5,400,1,true,0\n"
                        + "x,a,0.8,1,2.5,400,1,true,0\n");
        assertLoadError(file + " line 2, column 'naswot': 'high' is not a number",
                HEADER + "x,a,0.9,1,2.5,400,1,true,high\n");
        assertLoadError(file + " line 2, column 'macs': '1.5' is not a whole number",
                HEADER + "x,a,0.9,1.5,2.5,400,1,true,0\n");
        assertLoadError(file + " line 2, column 'fits_on_chip_ethos_u55_128': 'maybe' is not a boolean",
                HEADER + "x,a,0.9,1,2.5,400,1,maybe,0\n");
        assertLoadError(file + " line 2: 3 fields, but the header names 9 columns", HEADER + "x,a,0.9\n");
        assertLoadError("column 'status' records how a run went", "op1,op2,status\na,x,ok\n");
        assertLoadError("column 'op1' appears twice", "op1,op2,op1\na,x,b\n");
        assertLoadError("column 'fps_Host-CPU' names device 'Host-CPU'", "op1,op2,fps_Host-CPU\na,x,3\n");
        assertLoadError(file + " is empty", "");
        assertError("does not exist (field 'space.table')",
                () -> TabularEvaluator.load(new TabularSpace(DIMS, dir.resolve("missing.csv").toString())));
    }

    private void assertLoadError(String expected, String csv) throws IOException {
        TabularSpace space = space(csv);
        assertError(expected, () -> TabularEvaluator.load(space));
    }

    private static void assertError(String expected, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expected), "expected '" + expected + "' in: " + ex.getMessage());
    }
}
