package io.hwnas.transform;

/**
 * A linear convolution in dense form, groups expanded: weight [out][in][kh][kw] and bias [out], in
 * double. Expanding groups lets one set of formulas cover dense, grouped and depthwise convs; the
 * block structure is restored by {@link #toParams(int)}. Immutable.
 */
final class Kernel {
    final int out;
    final int in;
    final int kh;
    final int kw;
    private final double[] w;
    private final double[] b;

    private Kernel(int out, int in, int kh, int kw, double[] w, double[] b) {
        this.out = out;
        this.in = in;
        this.kh = kh;
        this.kw = kw;
        this.w = w;
        this.b = b;
    }

    private int at(int o, int c, int y, int x) {
        return ((o * in + c) * kh + y) * kw + x;
    }

    static Kernel of(ConvParams p, int inChannels, int groups) {
        int out = p.outChannels();
        int inPer = p.inPerGroup();
        int kh = p.weight().dim(2);
        int kw = p.weight().dim(3);
        if (inPer * groups != inChannels || out % groups != 0) {
            throw new IllegalArgumentException("weight [" + out + ", " + inPer + ", " + kh + ", " + kw
                    + "] does not fit " + inChannels + " input channels in " + groups + " groups");
        }
        int outPer = out / groups;
        double[] src = p.weight().raw();
        double[] w = new double[out * inChannels * kh * kw];
        int area = kh * kw;
        for (int o = 0; o < out; o++) {
            int first = (o / outPer) * inPer;
            for (int ci = 0; ci < inPer; ci++) {
                System.arraycopy(src, (o * inPer + ci) * area, w, (o * inChannels + first + ci) * area, area);
            }
        }
        return new Kernel(out, inChannels, kh, kw, w, p.bias().toArray());
    }

    /** {@code value} at every tap of channel c → c: identity (1×1, 1) or average pooling (K×K, 1/K²). */
    static Kernel diagonal(int channels, int kh, int kw, double value) {
        double[] w = new double[channels * channels * kh * kw];
        Kernel k = new Kernel(channels, channels, kh, kw, w, new double[channels]);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    w[k.at(c, c, y, x)] = value;
                }
            }
        }
        return k;
    }

    /** Per output channel y' = scale·y + shift: a batch-norm after this conv. */
    Kernel affine(double[] scale, double[] shift) {
        if (scale.length != out || shift.length != out) {
            throw new IllegalArgumentException("affine of " + scale.length + " channels on a conv with " + out + " outputs");
        }
        double[] w2 = new double[w.length];
        double[] b2 = new double[out];
        int per = in * kh * kw;
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < per; i++) {
                w2[o * per + i] = w[o * per + i] * scale[o];
            }
            b2[o] = b[o] * scale[o] + shift[o];
        }
        return new Kernel(out, in, kh, kw, w2, b2);
    }

    /** This kernel zero-padded into a larger window, its tap (0, 0) at (offH, offW). */
    Kernel embed(int newKh, int newKw, int offH, int offW) {
        if (offH < 0 || offW < 0 || offH + kh > newKh || offW + kw > newKw) {
            throw new IllegalArgumentException(kh + "x" + kw + " kernel at offset (" + offH + ", " + offW
                    + ") does not fit in " + newKh + "x" + newKw);
        }
        Kernel k = new Kernel(out, in, newKh, newKw, new double[out * in * newKh * newKw], b.clone());
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        k.w[k.at(o, c, y + offH, x + offW)] = w[at(o, c, y, x)];
                    }
                }
            }
        }
        return k;
    }

    Kernel plus(Kernel other) {
        if (other.out != out || other.in != in || other.kh != kh || other.kw != kw) {
            throw new IllegalArgumentException("cannot add a [" + other.out + ", " + other.in + ", " + other.kh + ", "
                    + other.kw + "] kernel to a [" + out + ", " + in + ", " + kh + ", " + kw + "] one");
        }
        double[] w2 = w.clone();
        double[] b2 = b.clone();
        for (int i = 0; i < w2.length; i++) {
            w2[i] += other.w[i];
        }
        for (int i = 0; i < b2.length; i++) {
            b2[i] += other.b[i];
        }
        return new Kernel(out, in, kh, kw, w2, b2);
    }

    /** This conv followed by the 1×1 conv {@code pw}: W[o,c,k] = Σ_m pw[o,m]·W[m,c,k], b = pw·b + b_pw. */
    Kernel thenPointwise(Kernel pw) {
        requirePointwise(pw, out);
        int per = in * kh * kw;
        double[] w2 = new double[pw.out * per];
        double[] b2 = new double[pw.out];
        for (int o = 0; o < pw.out; o++) {
            double bias = pw.b[o];
            for (int m = 0; m < out; m++) {
                double a = pw.w[o * pw.in + m];
                if (a == 0) {
                    continue;
                }
                for (int i = 0; i < per; i++) {
                    w2[o * per + i] += a * w[m * per + i];
                }
                bias += a * b[m];
            }
            b2[o] = bias;
        }
        return new Kernel(pw.out, in, kh, kw, w2, b2);
    }

    /**
     * The 1×1 conv {@code pw} followed by this conv: W[o,c,k] = Σ_m W[o,m,k]·pw[m,c] and
     * b[o] = b[o] + Σ_m (Σ_k W[o,m,k])·b_pw[m]. The bias term assumes every tap sees the 1×1's output,
     * which is false at zero-padded borders unless b_pw = 0; callers check that.
     */
    Kernel afterPointwise(Kernel pw) {
        requirePointwise(pw, -1);
        if (pw.out != in) {
            throw new IllegalArgumentException("a 1x1 with " + pw.out + " outputs cannot feed a conv with " + in + " inputs");
        }
        int area = kh * kw;
        double[] w2 = new double[out * pw.in * area];
        double[] b2 = b.clone();
        for (int o = 0; o < out; o++) {
            for (int m = 0; m < in; m++) {
                double tapSum = 0;
                for (int t = 0; t < area; t++) {
                    double v = w[(o * in + m) * area + t];
                    tapSum += v;
                    if (v == 0) {
                        continue;
                    }
                    for (int c = 0; c < pw.in; c++) {
                        w2[(o * pw.in + c) * area + t] += v * pw.w[m * pw.in + c];
                    }
                }
                b2[o] += tapSum * pw.b[m];
            }
        }
        return new Kernel(out, pw.in, kh, kw, w2, b2);
    }

    private static void requirePointwise(Kernel pw, int in) {
        if (pw.kh != 1 || pw.kw != 1 || (in >= 0 && pw.in != in)) {
            throw new IllegalArgumentException("expected a 1x1 kernel with " + in + " inputs, got [" + pw.out + ", "
                    + pw.in + ", " + pw.kh + ", " + pw.kw + "]");
        }
    }

    /** Back to grouped layout; the weights outside the group blocks must be exactly zero. */
    ConvParams toParams(int groups) {
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(groups + " groups do not divide " + in + " -> " + out + " channels");
        }
        int inPer = in / groups;
        int outPer = out / groups;
        int area = kh * kw;
        double[] g = new double[out * inPer * area];
        for (int o = 0; o < out; o++) {
            int first = (o / outPer) * inPer;
            for (int c = 0; c < in; c++) {
                boolean inside = c >= first && c < first + inPer;
                for (int t = 0; t < area; t++) {
                    double v = w[(o * in + c) * area + t];
                    if (inside) {
                        g[(o * inPer + c - first) * area + t] = v;
                    } else if (v != 0) {
                        // the group count is derived from the structure, so this is a bug, not bad input
                        throw new IllegalStateException("weight [" + o + ", " + c + "] is outside the " + groups
                                + " group blocks but not zero");
                    }
                }
            }
        }
        return new ConvParams(Tensor.wrap(g, out, inPer, kh, kw), Tensor.wrap(b.clone(), out));
    }
}
