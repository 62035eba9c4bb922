package io.hwnas.tabular;

import io.hwnas.pareto.Objective;
import io.hwnas.search.Nsga2Search;
import io.hwnas.search.RandomSearch;
import io.hwnas.search.Search;
import io.hwnas.search.SearchGoal;
import io.hwnas.search.SearchOutcome;
import io.hwnas.search.SearchStrategy;
import io.hwnas.space.Dimension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What tabular evaluation is for: whole searches in well under a second per hundred evaluations. */
class TabularSearchTest {
    private static final int DIMS = 6;
    private static final int OPTIONS = 5;
    private static final int BUDGET = 1000;

    @TempDir
    Path dir;

    /**
     * 5^6 = 15,625 rows (NAS-Bench-201's size): accuracy grows with the options' sum of squares,
     * latency with their plain sum, so the two conflict.
     */
    private TabularSpace writeTable() throws IOException {
        List<Dimension> dims = new ArrayList<>();
        List<String> options = List.of("o0", "o1", "o2", "o3", "o4");
        for (int d = 0; d < DIMS; d++) {
            dims.add(new Dimension("op" + d, options));
        }
        Path table = dir.resolve("bench.csv");
        try (Writer w = Files.newBufferedWriter(table)) {
            w.write("op0,op1,op2,op3,op4,op5,accuracy,latency_ms_npu,naswot\n");
            int[] g = new int[DIMS];
            for (int n = 0; n < Math.pow(OPTIONS, DIMS); n++) {
                int rest = n;
                double sum = 0;
                double squares = 0;
                StringBuilder row = new StringBuilder();
                for (int d = 0; d < DIMS; d++) {
                    g[d] = rest % OPTIONS;
                    rest /= OPTIONS;
                    sum += g[d];
                    squares += g[d] * g[d] + (d % 2 == 0 ? 0.5 * g[d] : 0);
                    row.append("o").append(g[d]).append(',');
                }
                row.append(String.format(Locale.ROOT, "%.6f,%.4f,%.3f%n", 0.5 + squares / 200, 1 + sum, -sum));
                w.write(row.toString());
            }
        }
        return new TabularSpace(dims, table.toString());
    }

    @Test
    void randomSearchAndNsga2TakeWellUnderASecondPerHundredEvaluations() throws IOException {
        TabularSpace space = writeTable();
        long loadStart = System.nanoTime();
        TabularEvaluator eval = TabularEvaluator.load(space);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        assertEquals(15_625, eval.size());
        SearchGoal goal = new SearchGoal(List.of(Objective.maximize("accuracy"), Objective.minimize("latency_ms_npu")),
                List.of(), new double[] {0.5, 32}, eval.resultTable());
        // warm the JIT so the figure is the steady-state cost, not class loading
        run(space, eval, goal, new RandomSearch(space, 99, 50), 300);
        run(space, eval, goal, Nsga2Search.Settings.of(40).create(space, goal, 99), 300);

        double random = run(space, eval, goal, new RandomSearch(space, 1, 50), BUDGET);
        double nsga = run(space, eval, goal, Nsga2Search.Settings.of(40).create(space, goal, 1), BUDGET);
        String figures = String.format(Locale.ROOT, "load %.2f s; per 100 evaluations: random %.4f s, nsga2 %.4f s",
                loadSeconds, random, nsga);
        org.slf4j.LoggerFactory.getLogger(TabularSearchTest.class).info(figures);
        // measured on 2 shared cores: ~0.003 s (random) and ~0.02-0.1 s (nsga2, 120 batches) per 100
        assertTrue(random < 0.5 && nsga < 0.5, figures);
    }

    /** Seconds per 100 evaluations. */
    private static double run(TabularSpace space, TabularEvaluator eval, SearchGoal goal, SearchStrategy strategy,
                              int budget) {
        long start = System.nanoTime();
        SearchOutcome out = new Search(space, eval, goal, 1).run(strategy, budget, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(budget, out.results().size());
        assertTrue(out.results().stream().allMatch(r -> r.ok()), "every point is in the table");
        return seconds / budget * 100;
    }
}
