package io.hwnas.spark;

import io.hwnas.data.FashionMnist;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.proxy.ProxyKind;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A sweep of every space that ships architectures, on local[2] Spark with the session {@link Sessions}
 * makes: Kryo, hwnas's registrator, registration required. Local mode still serializes every task's
 * partition (the candidates) and every result, so an unregistered class fails here. The quickstart
 * space trains and scores proxies (NaN, -Infinity and a full proxy map travel back); the others only
 * cost their candidates, which ships the same classes.
 */
class KryoSweepsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        spark = Sessions.create("hwnas-kryo-sweeps", "local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
    }

    @ParameterizedTest
    @MethodSource("io.hwnas.spark.SpaceExamples#networkKinds")
    void sweepRunsWithKryoRegistrationRequired(String example, @TempDir Path tmp) throws Exception {
        SparkConf conf = spark.sparkContext().getConf();
        assertEquals(KryoSerializer.class.getName(), conf.get("spark.serializer"));
        assertEquals(HwnasKryoRegistrator.class.getName(), conf.get("spark.kryo.registrator"));
        assertEquals("true", conf.get("spark.kryo.registrationRequired"));

        boolean trained = example.equals("quickstart");
        String text = Files.readString(Path.of("..", "examples", example + ".yaml"))
                .replace("\noutput: runs\n", "\noutput: " + tmp.resolve("runs") + "\n")
                .replaceFirst("trainSamples: \\d+", "trainSamples: 256")
                .replaceFirst("validationSamples: \\d+", "validationSamples: 256");
        // untrained candidates have no accuracy, so the goal trades host FPS against MACs instead
        text = trained
                ? text.replaceFirst("\ncandidates: \\d+\n", "\ncandidates: 3\n")
                + "proxies: {names: [naswot, synflow, grad_norm, nonlinear_units], batchSize: 64}\n"
                : text.replaceFirst("\ncandidates: \\d+\n", """

                        search:
                          evaluations: 3
                          objectives: [{maximize: fps_host_cpu}, {minimize: macs}]
                          reference: {macs: 1.0e9}
                        """).replaceFirst("\n {2}epochs: 1\n", "\n  epochs: 0\n");
        SweepPlan plan = SweepConfigLoader.plan(text, example + ".yaml");
        assertEquals(trained, plan.config().training().trains(), text);

        SweepJob.Outcome outcome = SweepJob.run(spark, plan, example + ".yaml", text);

        assertEquals(3, outcome.results().size(), example);
        for (EvaluationResult r : outcome.results()) {
            assertTrue(r.ok(), example + ": " + r.error());
            assertFalse(r.choices().isEmpty(), example + ": " + r);
            assertTrue(r.macs() > 0 && r.trainableParams() > 0 && r.trainingMacs() > 0, example + ": " + r);
            assertEquals(plan.devices().size(), r.devices().size(), example + ": " + r);
            assertTrue(r.devices().stream().allMatch(d -> d.latencyMs() > 0 && d.fps() > 0), example + ": " + r);
            if (trained) {
                assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1 && Double.isFinite(r.loss()), example + ": " + r);
                assertEquals(ProxyKind.names().size(), r.proxies().size(), example + ": " + r);
            } else {
                assertTrue(Double.isNaN(r.accuracy()) && Double.isNaN(r.loss()), example + ": " + r);
                assertTrue(r.proxies().isEmpty(), example + ": " + r);
            }
        }
        assertEquals(3, spark.read().parquet(outcome.runDirectory() + "/results.parquet").count());
    }
}
