package io.hwnas.spark.exec;

import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the driver learns about the tasks of job groups it started (those named with {@code prefix}): when each
 * group's task was last launched (a retry after a lost executor starts its clock again; a speculative copy does not),
 * and how many of its attempts died with their executor.
 */
final class TaskWatch extends SparkListener {
    private final String prefix;
    private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>();
    private final Map<String, Long> launched = new ConcurrentHashMap<>();
    private final Map<String, Integer> losses = new ConcurrentHashMap<>();

    TaskWatch(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
        if (group != null && group.startsWith(prefix)) {
            for (Object stage : scala.collection.JavaConverters.seqAsJavaList(start.stageIds())) {
                stageGroups.put((Integer) stage, group);
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        String group = stageGroups.get(start.stageId());
        if (group != null && !start.taskInfo().speculative()) {
            launched.put(group, start.taskInfo().launchTime());
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String group = stageGroups.get(end.stageId());
        if (group != null && end.reason() instanceof ExecutorLostFailure) {
            losses.merge(group, 1, Integer::sum);
        }
    }

    /** When the group's task was last launched (driver clock, epoch ms); empty while it waits for a slot. */
    OptionalLong launched(String group) {
        Long t = launched.get(group);
        return t == null ? OptionalLong.empty() : OptionalLong.of(t);
    }

    int executorLosses(String group) {
        return losses.getOrDefault(group, 0);
    }
}
