package io.hwnas.spark.exec;

import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the driver learns about the tasks of job groups it started (those named with {@code prefix}): when each
 * group's task was last launched (a retry after a lost executor starts its clock again; a speculative copy does not),
 * how many of its attempts died with their executor, and whether its job has ended, which wakes whoever waits for it.
 */
final class TaskWatch extends SparkListener {
    private final String prefix;
    private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>();
    private final Map<String, Long> launched = new ConcurrentHashMap<>();
    private final Map<String, Integer> losses = new ConcurrentHashMap<>();
    private final Map<Integer, String> jobGroups = new ConcurrentHashMap<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final Semaphore endings = new Semaphore(0);

    TaskWatch(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
        if (group != null && group.startsWith(prefix)) {
            jobGroups.put(start.jobId(), group);
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

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        String group = jobGroups.remove(end.jobId());
        if (group != null) {
            ended.add(group);
            endings.release();
        }
    }

    /**
     * Whether the group's job has ended. The scheduler posts the end just before it hands the job its result or
     * failure, so the job's future may still be pending for a moment: {@code get()} on it returns at once.
     */
    boolean ended(String group) {
        return ended.contains(group);
    }

    /** Waits until a job of these groups ends (since the last wait), or {@code millis} pass. */
    void awaitJobEnd(long millis) throws InterruptedException {
        if (endings.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            endings.drainPermits();
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
