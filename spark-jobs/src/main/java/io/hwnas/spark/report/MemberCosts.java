package io.hwnas.spark.report;

import io.hwnas.arch.Architecture;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.finaltrain.FrontMember;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One search-front member's per-layer costs on the report's device: its choices mapped back to the
 * space, the deployed form (the one the sweep costed, so the total matches results.csv) estimated
 * by the device's cost model. When that is not possible the reason stands in for the estimate.
 *
 * @param frontRow the member's row of pareto-search.csv
 * @param result its row of results.csv (the front row when results.csv lacks it)
 * @param architecture the deployed network, null when it could not be rebuilt
 * @param estimate null when {@code missing} says why
 */
public record MemberCosts(Map<String, String> frontRow, Map<String, String> result, String device,
                          Architecture architecture, CostReport estimate, String missing) {

    public String candidateId() {
        return Cells.text(frontRow, "candidate_id");
    }

    /** The device's latency the sweep recorded for this member (NaN when not recorded). */
    public double recordedLatencyMs() {
        return device == null ? Double.NaN : Cells.number(result, SweepSetup.column("latency_ms_", device));
    }

    /** Every member of the search front, in front order; {@code device} null when the run's devices are unknown. */
    public static List<MemberCosts> of(RunData run, SweepSetup setup, String device) {
        List<Map<String, String>> front = run.fronts().getOrDefault("search", List.of());
        List<MemberCosts> out = new ArrayList<>(front.size());
        for (Map<String, String> row : front) {
            out.add(one(run, setup, device, row));
        }
        return out;
    }

    private static MemberCosts one(RunData run, SweepSetup setup, String device, Map<String, String> row) {
        Map<String, String> result = run.resultOf(row);
        if (device == null) {
            return new MemberCosts(row, result, null, null, null, "the run's devices are not known here");
        }
        if (setup.networkSpace().isEmpty()) {
            return new MemberCosts(row, result, device, null, null, "no network: the space's points are table rows");
        }
        CostModel model = setup.costModels().get(device);
        if (model == null) {
            return new MemberCosts(row, result, device, null, null, "no cost model for device '" + device + "' here");
        }
        SearchSpace space = setup.networkSpace().get();
        Architecture deployed;
        try {
            FrontMember member = FrontMember.resolve(space, row, "pareto-search.csv", setup.qualityColumn());
            deployed = space.deploy(member.choice()).architecture();
        } catch (RuntimeException e) {
            return new MemberCosts(row, result, device, null, null, "cannot rebuild the network: " + e.getMessage());
        }
        try {
            return new MemberCosts(row, result, device, deployed, model.estimate(deployed), null);
        } catch (RuntimeException e) {
            return new MemberCosts(row, result, device, deployed, null, "the cost model of '" + device
                    + "' cannot estimate it: " + e.getMessage());
        }
    }
}
