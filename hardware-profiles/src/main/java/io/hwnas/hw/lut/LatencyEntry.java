package io.hwnas.hw.lut;

/** One measured row of a latency table: an op at one shape, and how long it took. */
public record LatencyEntry(String key, int inChannels, int outChannels, int height, int width, long work,
                           double latencySeconds) {

    public LatencyEntry {
        if (key == null || key.isBlank() || key.contains(",")) {
            throw new IllegalArgumentException("field 'key' = '" + key + "' must be a non-empty op key without commas");
        }
        if (inChannels < 1 || outChannels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("entry '" + key + "': channels, height and width must be >= 1, got "
                    + inChannels + ", " + outChannels + ", " + height + ", " + width);
        }
        if (work < 1) {
            throw new IllegalArgumentException("entry '" + key + "': field 'work' = " + work + " must be >= 1");
        }
        if (!(latencySeconds >= 0) || Double.isInfinite(latencySeconds)) {
            throw new IllegalArgumentException("entry '" + key + "': field 'latency_seconds' = " + latencySeconds
                    + " must be a finite number >= 0");
        }
    }

    static LatencyEntry of(OpSignature s, double latencySeconds) {
        return new LatencyEntry(s.key(), s.inChannels(), s.outChannels(), s.height(), s.width(), s.work(),
                latencySeconds);
    }

    /** Shape features interpolation measures distance in: logs, so 16→32 channels is as far as 32→64. */
    double[] features() {
        return OpFeatures.of(inChannels, outChannels, height, width);
    }
}
