package io.hwnas.spark.cluster;

import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

import java.util.Map;

/**
 * Test only, shipped with {@code --jars} by {@link FaultsClusterIT}: stands in for the kernel's OOM killer. Every
 * executor JVM that starts a task of candidate {@code spark.hwnas.test.haltCandidate} (read from the task's job
 * group, which names its candidates) halts at once with exit code 137, as a process killed with SIGKILL would.
 */
public final class HaltingPlugin implements SparkPlugin {
    static final String CANDIDATE = "spark.hwnas.test.haltCandidate";

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            private String suffix;

            @Override
            public void init(PluginContext ctx, Map<String, String> extraConf) {
                suffix = "-c" + ctx.conf().get(CANDIDATE);
            }

            @Override
            public void onTaskStart() {
                String group = TaskContext.get().getLocalProperty("spark.jobGroup.id");
                if (group != null && group.endsWith(suffix)) {
                    Runtime.getRuntime().halt(137);
                }
            }
        };
    }
}
