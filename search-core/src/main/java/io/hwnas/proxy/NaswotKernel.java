package io.hwnas.proxy;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NASWOT's activation-pattern kernel (Mellor et al. 2021; shared/docs/algorithms.md §2) for a batch
 * of N inputs: K[i][j] = number of non-linear units at which inputs i and j fall on the same side
 * of zero, summed over every activation site added. K = A·Aᵀ with A = [C, 1−C] for the 0/1 code
 * matrix C, so it is symmetric positive semi-definite with integer entries.
 */
final class NaswotKernel {
    /**
     * A Cholesky pivot at or below {@code N · max K[i][i] · this} counts as zero. Rounding leaves
     * pivots of an exactly singular kernel near {@code N · max K[i][i] · 2⁻⁵²}, thousands of times
     * smaller. Genuine pivots of these integer kernels are normally far larger (two codes differing
     * in a single unit out of U already give a pivot of about 2), though no bound rules out a
     * nearly dependent set of codes being taken for a singular one.
     */
    static final double SINGULAR_TOLERANCE = 1e-12;
    /** Float sums of 0/1 products stay exact integers below 2²⁴; wider sites are multiplied in double. */
    private static final long FLOAT_EXACT_UNITS = 1L << 24;

    private final double[][] k;
    private long units;

    NaswotKernel(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("NASWOT batch size = " + batchSize + " must be >= 1");
        }
        this.k = new double[batchSize][batchSize];
    }

    /**
     * Adds one activation site, given the input of its non-linearity (any shape with the batch
     * first). The code of a unit is 1 where its pre-activation is > 0: the side of the kink for
     * ReLU-like functions, and for smooth ones (SiLU, GELU, tanh, sigmoid) the only binary pattern
     * that does not depend on a threshold chosen per function.
     */
    void add(INDArray preActivation) {
        add(preActivation, 0);
    }

    /**
     * Adds one site whose unit codes are {@code values > threshold}: its pre-activations with
     * threshold 0, or its outputs f(x) with threshold f(0) (see {@link Naswot}).
     */
    void add(INDArray values, double threshold) {
        int n = k.length;
        if (values.size(0) != n) {
            throw new IllegalArgumentException("activation site has batch " + values.size(0) + ", kernel is "
                    + n + "x" + n);
        }
        long siteUnits = values.length() / n;
        DataType exact = siteUnits < FLOAT_EXACT_UNITS ? DataType.FLOAT : DataType.DOUBLE;
        INDArray codes = values.reshape('c', n, siteUnits).gt(threshold).castTo(exact);
        // agreements = c_i·c_j + (1−c_i)·(1−c_j) = U − |c_i| − |c_j| + 2 c_i·c_j: one GEMM per site
        double[][] both = codes.mmul(codes.transpose()).toDoubleMatrix();
        double[] ones = codes.sum(1).toDoubleVector();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] += siteUnits - ones[i] - ones[j] + 2 * both[i][j];
            }
        }
        units += siteUnits;
    }

    /** Units added so far (per input). */
    long units() {
        return units;
    }

    double[][] matrix() {
        double[][] copy = new double[k.length][];
        for (int i = 0; i < k.length; i++) {
            copy[i] = k[i].clone();
        }
        return copy;
    }

    /** The kernel straight from the definition, for codes given as rows of 0/1 (one row per input). */
    static double[][] fromCodes(int[][] codes) {
        int n = codes.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (codes[i].length != codes[0].length) {
                throw new IllegalArgumentException("code " + i + " has " + codes[i].length + " units, code 0 has "
                        + codes[0].length);
            }
            for (int j = 0; j < n; j++) {
                for (int u = 0; u < codes[i].length; u++) {
                    out[i][j] += codes[i][u] * codes[j][u] + (1 - codes[i][u]) * (1 - codes[j][u]);
                }
            }
        }
        return out;
    }

    /**
     * log det K by Cholesky (K is positive semi-definite, so |det K| = det K), or −∞ when K is
     * singular: two inputs with the same code, or codes that are linearly dependent, mean the
     * untrained net cannot tell some inputs apart — the worst NASWOT can say, ranked below every
     * finite score, as numpy's {@code slogdet} in the reference implementation also reports.
     */
    static double logDet(double[][] kernel) {
        int n = kernel.length;
        double maxDiagonal = 0;
        for (int i = 0; i < n; i++) {
            if (kernel[i].length != n) {
                throw new IllegalArgumentException("kernel row " + i + " has " + kernel[i].length + " entries, expected " + n);
            }
            maxDiagonal = Math.max(maxDiagonal, kernel[i][i]);
        }
        double tolerance = n * maxDiagonal * SINGULAR_TOLERANCE;
        double[][] l = new double[n][n];
        double logDet = 0;
        for (int j = 0; j < n; j++) {
            double pivot = kernel[j][j];
            for (int m = 0; m < j; m++) {
                pivot -= l[j][m] * l[j][m];
            }
            if (!(pivot > tolerance)) {
                return Double.NEGATIVE_INFINITY;
            }
            double root = Math.sqrt(pivot);
            l[j][j] = root;
            logDet += Math.log(pivot);
            for (int i = j + 1; i < n; i++) {
                double v = kernel[i][j];
                for (int m = 0; m < j; m++) {
                    v -= l[i][m] * l[j][m];
                }
                l[i][j] = v / root;
            }
        }
        return logDet;
    }
}
