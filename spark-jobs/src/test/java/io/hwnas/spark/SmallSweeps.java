package io.hwnas.spark;

import io.hwnas.spark.cli.HwnasCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The small sweep most Spark tests run: a two-stage CNN with an activation per conv (relu, silu,
 * hard_swish) and a width per stage (36 points), cheap enough to train on a few hundred images; and the smallest
 * tabular sweep, for tests of what happens around the evaluations (storage, report, settings).
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

    /** A 2 × 2 benchmark table with its own metric columns: accuracy and training time, no devices. */
    private static final String TABLE = """
            op,width,val_accuracy,train_time_s
            conv3x3,narrow,0.91,120.5
            conv3x3,wide,0.94,310.0
            conv1x1,narrow,0.85,60.25
            conv1x1,wide,0.89,150.0
            """;

    private SmallSweeps() {
    }

    /** The config's header and space; {@code rest} adds data, training, devices, execution and output. */
    public static String config(String name, long seed, int candidates, String rest) {
        return "name: " + name + "\nseed: " + seed + "\ncandidates: " + candidates + "\n" + SPACE + rest;
    }

    /**
     * Writes the 2 × 2 table and {@code <name>.yaml}, a random sweep of its 4 points writing under {@code dir/runs},
     * into {@code dir}; {@code more} is appended to the config. Returns the config file.
     */
    public static Path tabular(Path dir, String name, String more) throws IOException {
        Files.writeString(dir.resolve("table.csv"), TABLE);
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                name: %s
                space:
                  type: tabular
                  table: table.csv
                  dimensions:
                    - {name: op, options: [conv3x3, conv1x1]}
                    - {name: width, options: [narrow, wide]}
                search:
                  evaluations: 4
                  strategy: {type: random}
                  objectives: [{maximize: val_accuracy}, {minimize: train_time_s}]
                  reference: {val_accuracy: 0.0, train_time_s: 400.0}
                output: %s
                """.formatted(name, dir.resolve("runs")) + more);
        return config;
    }

    /**
     * Writes {@code configText} to {@code tmp/sweep.yaml}, sweeps it on local[2] (exit 0 required) and returns its
     * run directory, the only one under {@code tmp/runs} (the config's {@code output}).
     */
    public static Path sweep(Path tmp, String configText) throws IOException {
        Path cfg = tmp.resolve("sweep.yaml");
        Files.writeString(cfg, configText);
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", cfg.toString()));
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            return s.findFirst().orElseThrow();
        }
    }
}
