package io.hwnas.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Status;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Nsga2SearchTest {

    /** Passes everything through and remembers what was asked. */
    private static final class Recording implements SearchStrategy {
        final SearchStrategy inner;
        final List<List<Choice>> asked = new ArrayList<>();

        Recording(SearchStrategy inner) {
            this.inner = inner;
        }

        @Override
        public List<Proposal> ask(int remaining) {
            List<Proposal> batch = inner.ask(remaining);
            assertTrue(batch.size() <= remaining, batch.size() + " proposals for " + remaining + " evaluations left");
            asked.add(batch.stream().map(Proposal::choice).toList());
            return batch;
        }

        @Override
        public void tell(List<Trial> trials) {
            inner.tell(trials);
        }
    }

    private static Recording run(SearchSpace space, SearchGoal goal, Nsga2Search.Settings settings, long seed,
                                 int budget) {
        Recording r = new Recording(settings.create(space, goal, seed));
        new Search(space, new GridProblem.Zdt(8, -1), goal, seed).run(r, budget, null);
        return r;
    }

    @Test
    void sameSeedGivesTheSameProposalsAndOtherSeedsDiffer() {
        GridProblem.Grid space = new GridProblem.Grid(8, 8, 0);
        SearchGoal goal = GridProblem.goal(List.of());
        Nsga2Search.Settings settings = Nsga2Search.Settings.of(16);
        List<List<Choice>> first = run(space, goal, settings, 7, 200).asked;
        List<List<Choice>> again = run(space, goal, settings, 7, 200).asked;
        List<List<Choice>> other = run(space, goal, settings, 8, 200).asked;
        assertTrue(first.size() > 5, "several generations: " + first.size());
        assertEquals(first, again);
        assertNotEquals(first.get(0), other.get(0), "another seed starts elsewhere");
        assertNotEquals(first.subList(1, first.size()), other.subList(1, other.size()), "and evolves elsewhere");
    }

    @Test
    void firstBatchIsTheInitialPopulationAndTheBudgetIsSpentExactly() {
        GridProblem.Grid space = new GridProblem.Grid(8, 8, 0);
        SearchGoal goal = GridProblem.goal(List.of());
        Recording r = new Recording(Nsga2Search.Settings.of(20).create(space, goal, 3));
        GridProblem.Zdt zdt = new GridProblem.Zdt(8, -1);
        SearchOutcome out = new Search(space, zdt, goal, 3).run(r, 53, null);
        assertEquals(20, r.asked.get(0).size());
        assertEquals(20, r.asked.get(0).stream().distinct().count(), "the initial population is distinct");
        assertEquals(53, out.results().size(), "the last generation is cut to the budget");
        assertEquals(53, zdt.evaluated);
        for (List<Choice> batch : r.asked.subList(1, r.asked.size())) {
            assertTrue(batch.size() <= 10, "later batches are one generation's new offspring: " + batch.size());
        }
    }

    @Test
    void beatsRandomSearchOnAKnownFront() {
        // 8^10 points; the front (genes 1..9 at option 0) holds 8 of them
        GridProblem.Grid space = new GridProblem.Grid(10, 8, 0);
        SearchGoal goal = GridProblem.goal(List.of());
        int budget = 600;
        double[] nsga = new double[5];
        double[] random = new double[5];
        for (int s = 0; s < 5; s++) {
            Search search = new Search(space, new GridProblem.Zdt(8, -1), goal, s);
            nsga[s] = hypervolume(search.run(Nsga2Search.Settings.of(40).create(space, goal, s), budget, null));
            random[s] = hypervolume(search.run(new RandomSearch(space, s, 40), budget, null));
        }
        double randomMean = Arrays.stream(random).average().orElseThrow();
        String figures = "nsga2 " + Arrays.toString(nsga) + " vs random " + Arrays.toString(random);
        for (double hv : nsga) {
            assertTrue(hv > randomMean, "every NSGA-II seed beats random search's mean: " + figures);
        }
        // measured: NSGA-II 11.56..11.67, random 9.83..10.07, the true front 11.68
        assertTrue(Arrays.stream(nsga).average().orElseThrow() > 0.98 * GridProblem.frontHypervolume(8), figures);
    }

    private static double hypervolume(SearchOutcome out) {
        return out.batches().get(out.batches().size() - 1).hypervolume();
    }

    @Test
    void spaceConstraintsAreNeverBrokenAndTheGoalsConstraintsSteerTheSearch() {
        // sum of genes <= 24 of at most 60 (the space's budget); f1 >= 0.4 (the goal's bound); some points fail
        GridProblem.Grid space = new GridProblem.Grid(10, 7, 24);
        SearchGoal goal = GridProblem.goal(List.of(new Bound("f1", 0.4, null)));
        Recording r = new Recording(Nsga2Search.Settings.of(30).create(space, goal, 11));
        SearchOutcome out = new Search(space, new GridProblem.Zdt(7, 5), goal, 11).run(r, 450, null);
        for (List<Choice> batch : r.asked) {
            for (Choice c : batch) {
                assertTrue(space.violation(c).isEmpty(), "proposed " + c + ": " + space.violation(c));
            }
        }
        assertEquals(450, out.results().size(), "failures do not stop the search");
        assertTrue(out.results().stream().anyMatch(e -> !e.ok()), "the test should include failed points");
        List<EvaluationResult> front = goal.front(out.current());
        assertFalse(front.isEmpty());
        for (EvaluationResult e : front) {
            assertTrue(e.ok() && e.proxy("f1") >= 0.4, "front member outside the bound: " + e.proxies());
        }
        // the unconstrained optimum (f1 = 0) is infeasible, so the search must settle on the bound
        assertTrue(front.stream().anyMatch(e -> Math.abs(e.proxy("f1") - 3 / 6.0) < 1e-9),
                "the front reaches the smallest feasible f1");
        List<Choice> last = r.asked.get(r.asked.size() - 2);
        long feasibleLate = out.results().stream().skip(300).filter(goal::feasible).count();
        long feasibleEarly = out.results().stream().limit(30).filter(goal::feasible).count();
        assertTrue(feasibleLate / 150.0 > feasibleEarly / 30.0,
                "later generations are more often feasible: " + feasibleLate + "/150 vs " + feasibleEarly + "/30 " + last);
    }

    @Test
    void debsRuleRanksFeasibleAboveInfeasibleAboveFailed() {
        SearchGoal goal = GridProblem.goal(List.of(Bound.atMost("sum", 10)));
        GridProblem.Grid space = new GridProblem.Grid(2, 30, 0);
        EvaluationResult feasibleButPoor = point(space, 0, 1.0, 9.0, 10);
        EvaluationResult feasibleGood = point(space, 1, 0.1, 0.5, 5);
        EvaluationResult slightlyOver = point(space, 2, 0.0, 0.0, 11);
        EvaluationResult farOver = point(space, 3, 0.0, 0.0, 20);
        EvaluationResult failed = GridProblem.result(candidate(space, 4), Status.FAILED, "boom", Map.of());
        double[][] f = Nsga2Search.fitness(goal, Arrays.asList(feasibleButPoor, feasibleGood, slightlyOver, farOver,
                failed, null));
        assertTrue(dominates(f[1], f[0]), "plain Pareto dominance among feasible points");
        assertTrue(dominates(f[0], f[2]), "any feasible point beats an infeasible one with better objectives");
        assertTrue(dominates(f[2], f[3]), "less violation wins");
        assertTrue(dominates(f[3], f[4]), "an evaluated infeasible point beats a failure");
        assertTrue(Arrays.equals(f[4], f[5]), "unevaluated is provisionally as bad as failed");
        for (double[] v : f) {
            assertTrue(Arrays.stream(v).allMatch(Double::isFinite), "finite, so crowding distances stay numbers");
        }
    }

    private static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                return false;
            }
            strictly |= a[i] > b[i];
        }
        return strictly;
    }

    private static Candidate candidate(SearchSpace space, int id) {
        return Candidate.of(space, Choice.of(id, 0), id, 0, 1);
    }

    private static EvaluationResult point(SearchSpace space, int id, double f1, double f2, double sum) {
        return GridProblem.result(candidate(space, id), Status.OK, null, Map.of("f1", f1, "f2", f2, "sum", sum));
    }

    @Test
    void invalidSettingsNameTheField() {
        assertMessage("'search.strategy.population' = 1", () -> Nsga2Search.Settings.of(1));
        assertMessage("'search.strategy.crossover' = 1.5",
                () -> new Nsga2Search.Settings(Nsga2Search.TYPE, 10, 1.5, 0.1, 0.5));
        assertMessage("'search.strategy.mutation' = -0.1",
                () -> new Nsga2Search.Settings(Nsga2Search.TYPE, 10, 0.9, -0.1, 0.5));
        assertMessage("'search.strategy.mutation' = NaN",
                () -> new Nsga2Search.Settings(Nsga2Search.TYPE, 10, 0.9, Double.NaN, 0.5));
        assertMessage("'search.strategy.offspringFraction' = 1.0",
                () -> new Nsga2Search.Settings(Nsga2Search.TYPE, 10, 0.9, 0.1, 1.0));
        assertMessage("'search.strategy.offspringFraction' = 0.04 must leave at least one offspring",
                () -> new Nsga2Search.Settings(Nsga2Search.TYPE, 10, 0.9, 0.1, 0.04));
        GridProblem.Grid space = new GridProblem.Grid(3, 3, 0);
        assertMessage("'search.strategy.population' = 40 is larger than field 'search.evaluations' = 30",
                () -> Nsga2Search.Settings.of(40).check(space, GridProblem.goal(List.of()), 30));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    @Test
    void configGivesDefaultsForWhatItOmits() throws Exception {
        ObjectMapper json = new ObjectMapper();
        json.registerSubtypes(new NamedType(Nsga2Search.Settings.class, Nsga2Search.TYPE));
        StrategySettings s = json.readValue("{\"type\": \"nsga2\", \"population\": 24}", StrategySettings.class);
        assertEquals(new Nsga2Search.Settings("nsga2", 24, 0.9, 0.1, 0.5), s);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> unwrap(json,
                "{\"type\": \"nsga2\", \"crossover\": 2}"));
        assertTrue(bad.getMessage().contains("'search.strategy.crossover' = 2.0"), bad.getMessage());
    }

    private static void unwrap(ObjectMapper json, String text) throws Exception {
        try {
            json.readValue(text, StrategySettings.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IllegalArgumentException iae ? iae : e;
        }
    }
}
