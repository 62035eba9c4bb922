package io.hwnas.hw.lut;

import io.hwnas.hw.calibrate.NonNegativeLeastSquares;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Measured per-op latencies of one device, with interpolation between the measured shapes
 * (algorithms.md §8, "lookup tables"). Within one op key, latency follows an affine trend in work
 * (fixed cost + cost per MAC or element, fitted by non-negative least squares over the key's entries);
 * a query is that trend at its work, corrected by the inverse-distance-weighted ratio measured/trend of its
 * {@value #NEIGHBOURS} nearest entries in log-shape space. A query at a measured shape returns the
 * measurement exactly; far from all entries it follows the trend.
 *
 * @param device the id estimates report, e.g. {@code host-lut}
 * @param metadata how the table was made (machine, versions, timer settings): free-form, kept in the file
 * @param inferenceOverheadSeconds fixed cost of one inference beyond its ops (graph bookkeeping)
 */
public record LatencyTable(String device, Map<String, String> metadata, double inferenceOverheadSeconds,
                           List<LatencyEntry> entries) {
    static final int NEIGHBOURS = 4;

    public LatencyTable {
        Objects.requireNonNull(device, "device");
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (!(inferenceOverheadSeconds >= 0)) {
            throw new IllegalArgumentException("field 'inference overhead' = " + inferenceOverheadSeconds + " must be >= 0");
        }
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("latency table '" + device + "' has no entries");
        }
    }

    /** Entries grouped by key, each with its fitted trend; built once per model. */
    Map<String, KeyTable> index() {
        Map<String, List<LatencyEntry>> byKey = new TreeMap<>();
        for (LatencyEntry e : entries) {
            byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
        }
        Map<String, KeyTable> index = new TreeMap<>();
        byKey.forEach((k, list) -> index.put(k, new KeyTable(list)));
        return index;
    }

    /** One key's entries and its affine latency-vs-work trend. */
    static final class KeyTable {
        private final List<LatencyEntry> entries;
        private final double[][] features;
        private final double fixedSeconds;
        private final double secondsPerWork;

        KeyTable(List<LatencyEntry> entries) {
            this.entries = entries;
            this.features = entries.stream().map(LatencyEntry::features).toArray(double[][]::new);
            double[] trend = trend(entries);
            fixedSeconds = trend[0];
            secondsPerWork = trend[1];
        }

        double latency(OpSignature q) {
            double[] f = OpFeatures.of(q.inChannels(), q.outChannels(), q.height(), q.width());
            Integer[] order = new Integer[entries.size()];
            double[] d = new double[entries.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                d[i] = OpFeatures.distance(f, features[i]);
            }
            java.util.Arrays.sort(order, Comparator.comparingDouble(i -> d[i]));
            if (d[order[0]] == 0 && entries.get(order[0]).work() == q.work()) {
                return entries.get(order[0]).latencySeconds();
            }
            double weights = 0;
            double ratio = 0;
            for (int n = 0; n < Math.min(NEIGHBOURS, order.length); n++) {
                LatencyEntry e = entries.get(order[n]);
                double w = 1 / (d[order[n]] * d[order[n]] + 1e-12);
                ratio += w * e.latencySeconds() / trendAt(e.work());
                weights += w;
            }
            return trendAt(q.work()) * ratio / weights;
        }

        private double trendAt(long work) {
            return fixedSeconds + secondsPerWork * work;
        }

        /** {fixed, per work} ≥ 0 by relative least squares; proportional when the entries cannot separate them. */
        private static double[] trend(List<LatencyEntry> entries) {
            long distinctWork = entries.stream().mapToLong(LatencyEntry::work).distinct().count();
            if (distinctWork >= 2) {
                double[][] a = new double[entries.size()][];
                double[] b = new double[entries.size()];
                for (int i = 0; i < a.length; i++) {
                    LatencyEntry e = entries.get(i);
                    double scale = 1 / Math.max(e.latencySeconds(), 1e-9);
                    a[i] = new double[] {scale, e.work() * scale};
                    b[i] = e.latencySeconds() * scale;
                }
                double[] x = NonNegativeLeastSquares.solve(a, b);
                if (x[0] + x[1] > 0) {
                    return x;
                }
            }
            double perWork = entries.stream().mapToDouble(e -> e.latencySeconds() / e.work()).average().orElse(0);
            return new double[] {perWork > 0 ? 0 : 1e-9, perWork};
        }
    }
}
