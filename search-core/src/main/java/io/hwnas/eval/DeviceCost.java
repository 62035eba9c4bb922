package io.hwnas.eval;

import io.hwnas.cost.CostReport;

import java.io.Serializable;

/** The per-device figures a result keeps (the per-layer breakdown stays with the cost model). */
public record DeviceCost(String device, double latencyMs, double fps, long peakMemoryBytes, boolean fitsOnChip)
        implements Serializable {

    public static DeviceCost of(CostReport report) {
        return new DeviceCost(report.device(), report.latencyMs(), report.fps(), report.peakMemoryBytes(),
                report.fitsOnChip());
    }
}
