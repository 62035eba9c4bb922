package io.hwnas.spark.cli;

import io.hwnas.data.FashionMnist;
import io.hwnas.spark.Sessions;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.SweepProgress;
import io.hwnas.spark.config.SweepConfigLoader;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The progress bar drawn for a real sweep, captured as the lines the library renders. */
class TerminalProgressBarTest {

    @Test
    void barFollowsTheSweepToItsBudget(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        String text = SmallSweeps.config("bar", 3, 4, """
                search: {evaluations: 4, strategy: {type: random, batchSize: 2}}
                data: {trainSamples: 200, validationSamples: 100}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [ethos-u55-128]
                output: %s
                """.formatted(tmp.resolve("runs"))).replace("candidates: 4\n", "");
        List<String> rendered = new CopyOnWriteArrayList<>();
        TerminalProgressBar bar = new TerminalProgressBar(new DelegatingProgressBarConsumer(rendered::add, 160));
        try (SparkSession spark = Sessions.create("hwnas-progress-test", "local[2]")) {
            SweepJob.run(spark, SweepConfigLoader.plan(text, "bar.yaml"), "bar.yaml", text, List.of(), bar);
        }
        String last = rendered.get(rendered.size() - 1);
        assertTrue(last.contains("4/4"), last);
        assertTrue(last.contains("100%"), last);
        assertTrue(last.matches(".*batch 1 · 0 failed · front \\d+ · HV [0-9.e+-]+.*"), last);
        // the bar never runs backwards or past the budget, though result writing also runs Spark tasks
        Pattern done = Pattern.compile("(\\d+)/4");
        long previous = 0;
        boolean halfway = false;
        for (String line : rendered) {
            Matcher m = done.matcher(line);
            if (m.find()) {
                long now = Long.parseLong(m.group(1));
                assertTrue(now >= previous && now <= 4, line);
                previous = now;
                // each batch's record is drawn when it arrives, however short the batch
                halfway |= now == 2 && line.contains("batch 0");
            }
        }
        assertTrue(halfway, "the first batch's record was drawn: " + rendered);
    }

    @Test
    void nonInteractiveRunsLogLines() {
        // tests run without a console, as cron and redirected output do
        ProgressOption option = new ProgressOption();
        new CommandLine(new Object() {
            @CommandLine.Mixin
            ProgressOption progress = option;
        }).parseArgs();
        assertEquals(ProgressOption.Mode.auto, option.mode);
        assertSame(SweepProgress.LOG, option.create());
        new CommandLine(new Object() {
            @CommandLine.Mixin
            ProgressOption progress = option;
        }).parseArgs("--progress", "bar");
        assertTrue(option.create() instanceof TerminalProgressBar);
    }
}
