package io.hwnas.hw.measure;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Wall-clock timings of repeated runs of one thing, in seconds.
 *
 * @param median the figure hwnas reports: robust to the odd descheduled run on a shared machine
 * @param spread (p90 − p10) / median: how noisy the runs were
 */
public record Timing(double median, double min, double max, double spread, int runs) implements Serializable {

    static Timing of(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        double p10 = s[(int) Math.floor(0.1 * (n - 1))];
        double p90 = s[(int) Math.ceil(0.9 * (n - 1))];
        return new Timing(median, s[0], s[n - 1], median > 0 ? (p90 - p10) / median : 0, n);
    }
}
