package io.hwnas.search;

import io.hwnas.eval.EvaluationResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The goal's front of a search's current results (per distinct point its highest-fidelity result), kept
 * from batch to batch. Every result dominated before stays dominated by a member, so the new front is the
 * front of the old members and the batch's new results: O((b + f) log(b + f)) per batch instead of the whole run. Only
 * when a member leaves the current set (a higher fidelity of its point replaced it) is the front taken
 * over everything again.
 */
final class RunningFront {
    private static final Comparator<EvaluationResult> BY_ID = Comparator.comparingInt(EvaluationResult::candidateId);

    private final SearchGoal goal;
    private List<EvaluationResult> members = List.of();

    RunningFront(SearchGoal goal) {
        this.goal = goal;
    }

    /**
     * @param added results that joined the current set in this batch
     * @param removed results that left it, replaced by a higher fidelity of their point
     * @param current the whole current set, asked for only when a member left
     */
    void update(Collection<EvaluationResult> added, Collection<EvaluationResult> removed,
                Supplier<List<EvaluationResult>> current) {
        Set<EvaluationResult> left = Collections.newSetFromMap(new IdentityHashMap<>());
        left.addAll(removed);
        boolean memberLeft = members.stream().anyMatch(left::contains);
        List<EvaluationResult> candidates;
        if (memberLeft) {
            candidates = new ArrayList<>(current.get());
        } else {
            candidates = new ArrayList<>(members.size() + added.size());
            candidates.addAll(members);
            candidates.addAll(added);
        }
        // SearchGoal.front keeps input order; sorting by candidate id makes the members' order the same whichever
        // way they were gathered
        candidates.sort(BY_ID);
        members = goal.front(candidates);
    }

    /** Feasible, non-dominated current results in candidate-id order: {@code goal.front(current)}. */
    List<EvaluationResult> members() {
        return members;
    }
}
