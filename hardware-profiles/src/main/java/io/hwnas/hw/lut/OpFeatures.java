package io.hwnas.hw.lut;

/** The log-scaled shape features of an op, shared by table entries and queries. */
final class OpFeatures {
    private OpFeatures() {
    }

    static double[] of(int inChannels, int outChannels, int height, int width) {
        return new double[] {Math.log(inChannels), Math.log(outChannels), Math.log(height), Math.log(width)};
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
