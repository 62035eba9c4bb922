package io.hwnas.hant.ilp;

import java.io.Serializable;
import java.util.Arrays;

/** One option per group (by index), with the total score and cost recomputed from the problem's data. */
public record Assignment(int[] choice, double score, double cost) implements Serializable {

    public Assignment {
        if (choice == null || choice.length == 0) {
            throw new IllegalArgumentException("field 'choice' must pick one option per group");
        }
        choice = choice.clone();
    }

    static Assignment of(AssignmentProblem problem, int[] choice) {
        return new Assignment(choice, problem.score(choice), problem.cost(choice));
    }

    @Override
    public int[] choice() {
        return choice.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Assignment a && Arrays.equals(choice, a.choice);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(choice);
    }

    @Override
    public String toString() {
        return "Assignment" + Arrays.toString(choice) + "[score " + score + ", cost " + cost + "]";
    }
}
