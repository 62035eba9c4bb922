package io.hwnas.search;

import io.hwnas.eval.Candidate;
import io.hwnas.io.StrictYaml;
import io.hwnas.search.surrogate.BaggedNeighbours;
import io.hwnas.space.Choice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** BOHB's logic with the deterministic stand-in model; the MLlib forest is tested in spark-jobs. */
class BohbTest {
    /** R = 81, eta = 3, as HyperbandTest's PAPER. */
    private static final String BRACKETS = "eta: 3, minTrainSamples: 10, maxTrainSamples: 810";

    static StrategySettings settings(String yaml) {
        return StrictYaml.read("{type: bohb, model: " + BaggedNeighbours.TYPE + ", trees: 8, pool: 200, " + BRACKETS
                + yaml + "}",
                StrategySettings.class, "test");
    }

    /** Every batch asked, in order. */
    private static List<List<Proposal>> asked(StrategySettings s, long seed) {
        SyntheticProblem p = SearchTest.conflicting(8, 4);
        SearchGoal goal = SearchTest.maximiseBoth(p);
        s.check(p.space, goal, 200);
        SearchStrategy inner = s.create(p.space, goal, seed);
        List<List<Proposal>> asked = new ArrayList<>();
        new Search(p.space, p, goal, seed).run(new SearchStrategy() {
            @Override
            public List<Proposal> ask(int remaining) {
                List<Proposal> batch = inner.ask(remaining);
                asked.add(batch);
                return batch;
            }

            @Override
            public void tell(List<Trial> trials) {
                inner.tell(trials);
            }
        }, 200, null);
        return asked;
    }

    private static List<Choice> choices(List<Proposal> batch) {
        return batch.stream().map(Proposal::choice).toList();
    }

    @Test
    void hyperbandsBracketsWithModelledFirstRungs() {
        StrategySettings hyperband = StrictYaml.read("{type: hyperband, " + BRACKETS + "}", StrategySettings.class, "t");
        List<List<Proposal>> plain = asked(hyperband, 3);
        List<List<Proposal>> bohb = asked(settings(""), 3);
        // the same rungs and fidelities: brackets of 121, 49, 21 evaluations
        assertEquals(plain.stream().map(List::size).toList(), bohb.stream().map(List::size).toList());
        assertEquals(plain.stream().filter(b -> !b.isEmpty()).map(b -> b.get(0).fidelity()).toList(),
                bohb.stream().filter(b -> !b.isEmpty()).map(b -> b.get(0).fidelity()).toList());
        // bracket 0 has no results to learn from: Hyperband's random points
        assertEquals(choices(plain.get(0)), choices(bohb.get(0)));
        // bracket 1 starts after 9 results at 90 images (more than the 8 dimensions): the model picks
        List<Choice> second = choices(bohb.get(5));
        assertEquals(34, second.size());
        assertEquals(34, second.stream().distinct().count());
        assertNotEquals(choices(plain.get(5)), second);
    }

    @Test
    void sameSeedSameProposals() {
        List<List<Choice>> first = asked(settings(""), 9).stream().map(BohbTest::choices).toList();
        assertEquals(first, asked(settings(""), 9).stream().map(BohbTest::choices).toList());
        assertNotEquals(first, asked(settings(""), 10).stream().map(BohbTest::choices).toList());
    }

    @Test
    void badSettingsFailWithOneLineNamingTheField() {
        assertEquals("test: field 'search.strategy.randomFraction' = -0.5 must be a number in 0..1",
                SurrogateSearchTest.message(() -> settings(", randomFraction: -0.5")));
        assertEquals("test: field 'search.strategy.eta' = 1 must be >= 2",
                SurrogateSearchTest.message(() -> StrictYaml.read("{type: bohb, eta: 1}", StrategySettings.class,
                        "test")));
    }
}
