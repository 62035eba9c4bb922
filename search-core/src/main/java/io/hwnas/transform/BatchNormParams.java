package io.hwnas.transform;

/**
 * Batch-norm parameters and running statistics, one value per channel. At inference the layer is
 * the affine map y = scale·x + shift with scale = γ/σ, shift = β − μ·γ/σ, σ = sqrt(var + eps).
 */
public record BatchNormParams(Tensor gamma, Tensor beta, Tensor mean, Tensor var) implements NodeParams {

    public BatchNormParams {
        int c = check("gamma", gamma, -1);
        check("beta", beta, c);
        check("mean", mean, c);
        check("var", var, c);
        for (int i = 0; i < c; i++) {
            if (!(var.at(i) >= 0)) {
                throw new IllegalArgumentException("field 'var' [" + i + "] = " + var.at(i) + " must be >= 0");
            }
        }
    }

    private static int check(String field, Tensor t, int channels) {
        if (t == null || t.rank() != 1 || (channels >= 0 && t.dim(0) != channels)) {
            throw new IllegalArgumentException("field '" + field + "' must be a vector"
                    + (channels >= 0 ? " of " + channels : "") + ", got " + t);
        }
        return t.dim(0);
    }

    public int channels() {
        return gamma.dim(0);
    }

    public double[] scale(double eps) {
        double[] s = new double[channels()];
        for (int i = 0; i < s.length; i++) {
            s[i] = gamma.at(i) / Math.sqrt(var.at(i) + eps);
        }
        return s;
    }

    public double[] shift(double eps) {
        double[] s = scale(eps);
        double[] t = new double[s.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = beta.at(i) - mean.at(i) * s[i];
        }
        return t;
    }
}
