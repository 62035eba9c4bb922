package io.hwnas.spark.report;

import io.hwnas.pareto.NoisyLead;
import io.hwnas.pareto.Objective;
import io.hwnas.search.Bound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A front's members judged against the noise of their measurement ({@link NoisyLead}): the objective with a
 * standard-error column beside it in results.csv ({@code accuracy} and {@code accuracy_se}) is the noisy one, the
 * others are exact; every successful evaluation inside the constraints is a possible neighbour, except other
 * evaluations of the member's own network (a lower fidelity of it is no alternative to it).
 *
 * @param noisy the noisy objective's column, null when no objective has standard errors (then nothing is judged)
 * @param neighbours front member's candidate id → id of the evaluation it is not significantly better than
 */
record FrontNoise(String noisy, Map<String, String> neighbours) {

    static final String SE_SUFFIX = "_se";

    FrontNoise {
        neighbours = Map.copyOf(neighbours);
    }

    boolean insignificant(Map<String, String> frontRow) {
        return neighbours.containsKey(Cells.text(frontRow, "candidate_id"));
    }

    /** The noisy one of {@code objectives}: the first whose standard-error column has a finite value; null if none. */
    static String noisyObjective(RunData run, List<Objective> objectives) {
        ResultColumns results = run.results();
        for (Objective o : objectives) {
            double[] se = results.numbers(o.name() + SE_SUFFIX);
            for (int i = 0; i < se.length; i++) {
                if (results.ok(i) && Double.isFinite(se[i])) {
                    return o.name();
                }
            }
        }
        return null;
    }

    /** @param constraints those the front applied (the search front's); neighbours outside them are no alternative */
    static FrontNoise of(RunData run, List<Map<String, String>> front, List<Objective> objectives, List<Bound> constraints) {
        String noisy = noisyObjective(run, objectives);
        if (noisy == null) {
            return new FrontNoise(null, Map.of());
        }
        ResultColumns results = run.results();
        boolean[] violating = results.violating(constraints);
        int[] pointOf = new int[results.size()];
        int count = 0;
        for (int row = 0; row < pointOf.length; row++) {
            pointOf[row] = results.ok(row) && !violating[row] ? count++ : -1;
        }
        List<double[]> columns = objectives.stream().map(o -> results.numbers(o.name())).toList();
        double[] seColumn = results.numbers(noisy + SE_SUFFIX);
        double[] candidateIds = results.numbers("candidate_id");
        double[][] values = new double[count][objectives.size()];
        double[] se = new double[count];
        long[] ids = new long[count];
        for (int row = 0; row < pointOf.length; row++) {
            int p = pointOf[row];
            if (p >= 0) {
                for (int k = 0; k < objectives.size(); k++) {
                    values[p][k] = columns.get(k)[row];
                }
                se[p] = seColumn[row];
                ids[p] = (long) candidateIds[row];
            }
        }
        double[] measured = se.clone();
        int noisyIndex = objectives.stream().map(Objective::name).toList().indexOf(noisy);
        Map<String, String> neighbours = new LinkedHashMap<>();
        for (Map<String, String> f : front) {
            String id = Cells.text(f, "candidate_id");
            int row = results.rowOfMember(id);
            int member = row < 0 ? -1 : pointOf[row];
            if (member < 0) {
                continue;
            }
            String fingerprint = Cells.text(results.rowOf(f), "fingerprint");
            // other evaluations of the member's own network are never judged against; put back afterwards
            List<Integer> sameNet = fingerprint.isEmpty() ? List.of() : results.rowsOfNetwork(fingerprint).stream()
                    .map(r -> pointOf[r]).filter(p -> p >= 0 && p != member).toList();
            sameNet.forEach(p -> se[p] = Double.NaN);
            OptionalInt n = NoisyLead.neighbour(member, values, se, objectives, noisyIndex);
            sameNet.forEach(p -> se[p] = measured[p]);
            n.ifPresent(i -> neighbours.put(id, Long.toString(ids[i])));
        }
        return new FrontNoise(noisy, neighbours);
    }
}
