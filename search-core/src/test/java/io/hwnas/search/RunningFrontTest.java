package io.hwnas.search;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Status;
import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunningFrontTest {
    private final SyntheticProblem problem = SearchTest.conflicting(3, 3);

    /**
     * Batches add results (failures, constraint violators and ties included) and replace earlier ones, front
     * members among them, as higher fidelities do: after every batch the kept front is the front of everything.
     */
    @Test
    void equalsTheFrontOfTheWholeCurrentSetAfterEveryBatch() {
        SearchGoal goal = problem.goal(List.of(Objective.maximize("a"), Objective.minimize("b")),
                List.of(Bound.atMost("b", 8)), 0, 10);
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            RunningFront front = new RunningFront(goal);
            List<EvaluationResult> current = new ArrayList<>();
            int id = 0;
            for (int batch = 0; batch < 30; batch++) {
                List<EvaluationResult> added = new ArrayList<>();
                List<EvaluationResult> removed = new ArrayList<>();
                List<EvaluationResult> earlier = new ArrayList<>(current); // a batch replaces earlier batches' results
                for (int k = random.nextInt(0, 6); k > 0; k--) {
                    if (!earlier.isEmpty() && random.nextInt(4) == 0) {
                        EvaluationResult old = earlier.remove(random.nextInt(earlier.size()));
                        current.remove(old);
                        removed.add(old);
                    }
                    EvaluationResult r = result(id++, random);
                    added.add(r);
                    current.add(r);
                }
                front.update(added, removed, () -> current.stream()
                        .sorted(Comparator.comparingInt(EvaluationResult::candidateId)).toList());
                List<EvaluationResult> expected = goal.front(current.stream()
                        .sorted(Comparator.comparingInt(EvaluationResult::candidateId)).toList());
                assertEquals(expected, front.members(), "seed " + seed + " batch " + batch);
            }
        }
    }

    private EvaluationResult result(int id, SplittableRandom random) {
        Candidate c = Candidate.of(problem.space, Choice.of(id % 3, id / 3 % 3, 0), id, 0, 1);
        Status status = random.nextInt(10) == 0 ? Status.FAILED : Status.OK;
        return SyntheticProblem.result(c, status, Map.of("a", (double) random.nextInt(6), "b", (double) random.nextInt(10)));
    }
}
