package io.hwnas.onnx;

import java.util.Locale;

/**
 * How an activation tensor's int8 range is chosen from its values on the calibration images: every value kept
 * ({@link #MIN_MAX}), or the {@value #PERCENTILE_KEPT}% in the middle, clipping rare outliers for a finer step
 * ({@link #PERCENTILE}). Either range is widened to hold 0, so zero padding and ReLU's zeros are exact.
 */
public enum Calibration {
    MIN_MAX,
    PERCENTILE;

    /** The share of values (in percent) a {@link #PERCENTILE} range holds: 0.005% are clipped at each end. */
    public static final double PERCENTILE_KEPT = 99.99;
    /** The calibration hwnas quantises with wherever it scores int8 (train-front, export, sweeps). */
    public static final Calibration STANDARD = PERCENTILE;

    /** The name in manifests and logs: {@code min_max}, {@code percentile}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
