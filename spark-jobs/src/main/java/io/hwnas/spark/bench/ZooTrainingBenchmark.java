package io.hwnas.spark.bench;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.DatasetSplit;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.dl4j.TrainingSettings;

import java.io.PrintStream;
import java.util.List;

/**
 * DL4J training throughput of every 28×28 reference network on one thread, side by side in one run,
 * so sweep budgets (samples × candidates) can be sized: 1 epoch over N Fashion-MNIST images, batch 32.
 * Usage: {@code scripts/bench-train [samples]}.
 */
public final class ZooTrainingBenchmark {

    private ZooTrainingBenchmark() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        Nd4jThreads.limit(1);
        DatasetSplit data = DatasetCache.get(new DataSettings(DataSettings.defaults().path(), samples, 256, 0, 1));
        TrainingSettings settings = new TrainingSettings(1, 32, 0.002);
        List<String> minis = ReferenceNetworks.names().stream().filter(n -> n.endsWith("_mini")).toList();
        // one untimed run so JIT and native init do not land on the first network
        Trainer.trainAndEvaluate(ReferenceNetworks.byName(minis.get(0)), data, settings, 1);
        out.printf("%d training samples, 1 epoch, batch 32, one thread%n", samples);
        out.printf("%-24s %12s %10s %14s %12s%n", "network", "MACs", "params", "train samples/s", "accuracy");
        for (String name : minis) {
            Architecture arch = ReferenceNetworks.byName(name);
            ArchitectureCounts counts = ArchitectureCounts.of(arch);
            TrainingOutcome o = Trainer.trainAndEvaluate(arch, data, settings, 1);
            out.printf("%-24s %,12d %,10d %14.0f %12.3f%n", name, counts.macs(), counts.trainableParams(),
                    o.trainSamplesPerSecond(), o.accuracy());
        }
    }
}
