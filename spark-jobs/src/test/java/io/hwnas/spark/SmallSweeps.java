package io.hwnas.spark;

/**
 * The small sweep most Spark tests run: a two-stage CNN with an activation per conv (relu, silu,
 * hard_swish) and a width per stage (36 points), cheap enough to train on a few hundred images.
 */
public final class SmallSweeps {
    private static final String SPACE = """
            space:
              type: activation
              input: {channels: 1, height: 28, width: 28}
              stages:
                - {channels: 8, convs: 1, kernel: 3, pool: max}
                - {channels: 16, convs: 1, kernel: 3, pool: max}
              head: flatten
              activations: [relu, silu, hard_swish]
              widthMultipliers: [0.5, 1.0]
            """;

    private SmallSweeps() {
    }

    /** The config's header and space; {@code rest} adds data, training, devices, execution and output. */
    public static String config(String name, long seed, int candidates, String rest) {
        return "name: " + name + "\nseed: " + seed + "\ncandidates: " + candidates + "\n" + SPACE + rest;
    }
}
