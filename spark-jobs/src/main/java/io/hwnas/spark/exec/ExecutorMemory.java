package io.hwnas.spark.exec;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.network.util.JavaUtils;
import org.bytedeco.javacpp.Pointer;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The off-heap memory one task may use on an executor, where ND4J keeps every array and DL4J workspace.
 * JavaCPP bounds it in each JVM: {@code org.bytedeco.javacpp.maxbytes} (default: the heap's -Xmx) and
 * {@code maxphysicalbytes}, the whole resident set (default: maxbytes + 3 x heap), so what is left beside the heap is
 * min(maxbytes, maxphysicalbytes - heap). Local mode asks this JVM; on a cluster the executors' JVM follows from
 * {@code spark.executor.memory} (the heap) and the two properties in {@code spark.executor.defaultJavaOptions} and
 * {@code extraJavaOptions}, and on
 * YARN or Kubernetes the container adds only {@code spark.executor.memoryOverhead} (default max(384 MiB, 10% of the
 * heap)) beyond the heap. Tasks running at once on one executor share it: {@code slots} of them.
 *
 * @param offHeapBytes what one executor JVM may hold off the heap
 * @param slots tasks an executor runs at once (its cores / {@code spark.task.cpus}; 1 when the cores are not set)
 * @param source where the figure comes from, for the refusal message
 */
public record ExecutorMemory(long offHeapBytes, int slots, String source) implements Serializable {
    private static final long MIB = 1L << 20;

    public ExecutorMemory {
        if (offHeapBytes <= 0 || slots <= 0) {
            throw new IllegalArgumentException("executor memory " + offHeapBytes + " bytes over " + slots
                    + " slots must be positive");
        }
    }

    public long perTaskBytes() {
        return offHeapBytes / slots;
    }

    public static ExecutorMemory of(SparkContext sc) {
        SparkConf conf = sc.getConf();
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        if (sc.isLocal()) {
            long heap = Runtime.getRuntime().maxMemory();
            long offHeap = Math.min(Pointer.maxBytes(), Pointer.maxPhysicalBytes() - heap);
            return new ExecutorMemory(offHeap, Math.max(1, localThreads(sc.master()) / taskCpus),
                    "this JVM's JavaCPP limits (local mode)");
        }
        long heap = conf.getSizeAsMb("spark.executor.memory", "1g") * MIB; // a bare number is MiB, as Spark reads it
        // Spark puts the administrator's defaultJavaOptions before the user's extraJavaOptions
        String options = conf.get("spark.executor.defaultJavaOptions", "") + " "
                + conf.get("spark.executor.extraJavaOptions", "");
        long maxBytes = javacppBytes(options, "maxbytes", heap);
        long maxPhysical = javacppBytes(options, "maxphysicalbytes", maxBytes + 3 * heap);
        long offHeap = Math.min(maxBytes, maxPhysical - heap);
        String source = "spark.executor.memory " + (heap / MIB) + "m with JavaCPP maxbytes " + (maxBytes / MIB)
                + "m, maxphysicalbytes " + (maxPhysical / MIB) + "m";
        String master = sc.master();
        if (master.startsWith("yarn") || master.startsWith("k8s")) {
            long overhead = conf.contains("spark.executor.memoryOverhead")
                    ? conf.getSizeAsMb("spark.executor.memoryOverhead", "384") * MIB
                    : Math.max(384 * MIB, (long) (heap * conf.getDouble("spark.executor.memoryOverheadFactor", 0.1)));
            offHeap = Math.min(offHeap, overhead);
            source += ", memoryOverhead " + (overhead / MIB) + "m";
        }
        int cores = conf.getInt("spark.executor.cores", taskCpus);
        return new ExecutorMemory(offHeap, Math.max(1, cores / taskCpus), source);
    }

    /** local → 1, local[4] → 4, local[*] and local[*,3] → this machine's processors. */
    static int localThreads(String master) {
        Matcher m = Pattern.compile("local(?:-cluster)?\\[(\\*|\\d+)").matcher(master);
        if (!m.lookingAt()) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    /** A -Dorg.bytedeco.javacpp.NAME=SIZE among JVM options (JavaCPP reads the name in any case), else the default. */
    static long javacppBytes(String jvmOptions, String name, long defaultBytes) {
        Matcher m = Pattern.compile("-Dorg\\.bytedeco\\.javacpp\\." + name + "=(\\S+)", Pattern.CASE_INSENSITIVE)
                .matcher(jvmOptions);
        long value = defaultBytes;
        while (m.find()) { // the last one wins, as on a java command line
            String size = m.group(1).toLowerCase(Locale.ROOT);
            value = size.matches("\\d+") ? Long.parseLong(size) : JavaUtils.byteStringAsBytes(size);
        }
        return value;
    }
}
