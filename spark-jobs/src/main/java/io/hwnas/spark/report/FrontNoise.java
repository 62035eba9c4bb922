package io.hwnas.spark.report;

import io.hwnas.pareto.NoisyLead;
import io.hwnas.pareto.Objective;
import io.hwnas.search.Bound;

import java.util.ArrayList;
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
        for (Objective o : objectives) {
            if (run.ok().stream().anyMatch(r -> Double.isFinite(Cells.number(r, o.name() + SE_SUFFIX)))) {
                return o.name();
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
        List<Map<String, String>> points = new ArrayList<>();
        for (Map<String, String> r : run.ok()) {
            if (!ParetoPlot.violates(r, constraints)) {
                points.add(r);
            }
        }
        double[][] values = new double[points.size()][objectives.size()];
        double[] se = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            for (int k = 0; k < objectives.size(); k++) {
                values[i][k] = Cells.number(points.get(i), objectives.get(k).name());
            }
            se[i] = Cells.number(points.get(i), noisy + SE_SUFFIX);
        }
        int noisyIndex = objectives.stream().map(Objective::name).toList().indexOf(noisy);
        Map<String, String> neighbours = new LinkedHashMap<>();
        for (Map<String, String> f : front) {
            String id = Cells.text(f, "candidate_id");
            int member = indexOf(points, id);
            if (member < 0) {
                continue;
            }
            String fingerprint = Cells.text(points.get(member), "fingerprint");
            double[] others = se.clone();
            for (int i = 0; i < points.size(); i++) {
                boolean sameNet = !fingerprint.isEmpty() && Cells.text(points.get(i), "fingerprint").equals(fingerprint);
                if (i != member && sameNet) {
                    others[i] = Double.NaN;   // never judged against
                }
            }
            OptionalInt n = NoisyLead.neighbour(member, values, others, objectives, noisyIndex);
            n.ifPresent(i -> neighbours.put(id, Cells.text(points.get(i), "candidate_id")));
        }
        return new FrontNoise(noisy, neighbours);
    }

    /** The last row of the candidate (a point evaluated again counts as its latest evaluation). */
    private static int indexOf(List<Map<String, String>> points, String candidateId) {
        int found = -1;
        for (int i = 0; i < points.size(); i++) {
            if (Cells.text(points.get(i), "candidate_id").equals(candidateId)) {
                found = i;
            }
        }
        return found;
    }
}
