package io.hwnas.spark.cluster;

import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test only, shipped with {@code --jars} by the cluster tests: acts at the start of every task of candidate
 * {@value #CANDIDATE} (read from the task's job group, which names its candidates) as {@value #ACTION} says:
 * <ul>
 *   <li>{@value #HALT}: the executor JVM halts at once with exit code 137, as a process killed with SIGKILL would
 *   (a stand-in for the kernel's OOM killer, {@link FaultsClusterIT});</li>
 *   <li>{@value #HOLD}: the task waits until the test releases it, so the test can kill the worker under a task that
 *   certainly runs, however loaded the machine ({@link ClusterSweepIT}). A held executor announces itself with the
 *   file {@value #HELD}{@code <executor id>} in the directory {@value #DIRECTORY}; the test releases every hold by
 *   creating {@value #RELEASE} there.</li>
 * </ul>
 */
public final class CandidateTaskPlugin implements SparkPlugin {
    static final String CANDIDATE = "spark.hwnas.test.candidate";
    static final String ACTION = "spark.hwnas.test.action";
    static final String HALT = "halt";
    static final String HOLD = "hold";
    static final String DIRECTORY = "spark.hwnas.test.holdDir";
    static final String HELD = "held-";
    static final String RELEASE = "release";
    private static final long POLL_MILLIS = 50;

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            private String suffix;
            private String action;
            private Path dir;
            private String executorId;

            @Override
            public void init(PluginContext ctx, Map<String, String> extraConf) {
                suffix = "-c" + ctx.conf().get(CANDIDATE);
                action = ctx.conf().get(ACTION);
                dir = action.equals(HOLD) ? Path.of(ctx.conf().get(DIRECTORY)) : null;
                executorId = ctx.executorID();
            }

            @Override
            public void onTaskStart() {
                String group = TaskContext.get().getLocalProperty("spark.jobGroup.id");
                if (group == null || !group.endsWith(suffix)) {
                    return;
                }
                if (action.equals(HALT)) {
                    Runtime.getRuntime().halt(137);
                }
                try {
                    Files.writeString(dir.resolve(HELD + executorId), group);
                    // a wait for the test's signal, not a delay: the task goes on the moment the file is there
                    while (!Files.exists(dir.resolve(RELEASE))) {
                        Thread.sleep(POLL_MILLIS);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
