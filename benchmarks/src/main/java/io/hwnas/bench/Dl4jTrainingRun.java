package io.hwnas.bench;

import io.hwnas.io.Mappers;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.LayerKernels;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.NodeParams;
import io.hwnas.transform.Parameters;
import io.hwnas.transform.Tensor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The DL4J side of {@link PeerTrainingBenchmark}, one network in one process (started pinned to its cores):
 * trains it with hwnas's real {@link Trainer} and prints one {@code RESULT {json}} line. Same protocol as the
 * PyTorch twin ({@code bench/peer/torch_twin.py}): {@code --warmup-batches} steps of a throw-away copy first (JIT,
 * allocator, kernels), then a fresh network from {@code --seed} timed over {@code --images} images.
 */
public final class Dl4jTrainingRun {

    private Dl4jTrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args, Set.of("ir", "batch", "threads", "seed", "images",
                "warmup-batches", "lr", "kernels", "train-samples", "validation-samples", "data-seed", "gemm-peak",
                "validate", "weights-out"));
        Architecture arch = ArchitectureJson.read(Path.of(a.get("ir")));
        int batch = Integer.parseInt(a.get("batch"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "1"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        int images = Integer.parseInt(a.get("images"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup-batches", "0"));
        double lr = Double.parseDouble(a.get("lr"));
        LayerKernels kernels = LayerKernels.valueOf(a.getOrDefault("kernels", "ONEDNN"));
        DataSettings dataSettings = new DataSettings(FashionMnist.DEFAULT_DIRECTORY,
                Integer.parseInt(a.get("train-samples")), Integer.parseInt(a.get("validation-samples")), 0,
                Long.parseLong(a.get("data-seed")));
        Nd4jThreads.limit(threads);
        DatasetSplit data = DatasetCache.get(dataSettings);
        TrainingSettings settings = new TrainingSettings(1, batch, lr);
        if (warmup > 0) {
            Trainer.train(GraphBuilder.build(arch, seed + 1, lr, kernels), arch, data.train(), settings, seed + 1,
                    warmup * batch);
        }
        ComputationGraph graph = GraphBuilder.build(arch, seed, lr, kernels);
        if (a.containsKey("weights-out")) {
            writeWeights(Dl4jParameters.read(arch, graph), Path.of(a.get("weights-out")));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        result.put("macs", counts.macs());
        result.put("params", counts.trainableParams());
        if (a.containsKey("validate")) {
            TrainingOutcome outcome = Trainer.trainAndEvaluate(graph, arch, data, settings, seed, images);
            result.put("train_images", outcome.trainSamples());
            result.put("train_seconds", outcome.trainSeconds());
            result.put("val_accuracy", outcome.accuracy());
            result.put("val_loss", outcome.loss());
        } else {
            long start = System.nanoTime();
            long seen = Trainer.train(graph, arch, data.train(), settings, seed, images);
            result.put("train_images", seen);
            result.put("train_seconds", (System.nanoTime() - start) / 1e9);
        }
        result.put("images_per_second", ((Number) result.get("train_images")).doubleValue()
                / (Double) result.get("train_seconds"));
        result.put("threads", threads);
        if (a.containsKey("gemm-peak")) {
            result.put("gemm_macs_per_second", gemmPeak());
        }
        System.out.println("RESULT " + Mappers.json().writeValueAsString(result));
    }

    /**
     * The initial parameters as JSON, {node: {field: {shape, data}}} with the fields of the node's parameter record
     * (PyTorch layouts), so that the PyTorch twin can start from exactly these weights.
     */
    private static void writeWeights(Parameters params, Path file) throws IOException {
        Map<String, Map<String, Object>> json = new LinkedHashMap<>();
        for (Map.Entry<String, NodeParams> node : params.byNode().entrySet()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (RecordComponent field : node.getValue().getClass().getRecordComponents()) {
                try {
                    Tensor t = (Tensor) field.getAccessor().invoke(node.getValue());
                    fields.put(field.getName(), Map.of("shape", t.shape(), "data", t.toArray()));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            json.put(node.getKey(), fields);
        }
        Mappers.json().writeValue(file.toFile(), json);
    }

    /** fp32 multiply-accumulates per second of ND4J's GEMM (OpenBLAS) on 1024×1024 matrices, over about a second. */
    static double gemmPeak() {
        int n = 1024;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray y = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray z = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(x, y, z, false, false, 1.0, 0.0);
        }
        int runs = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
            Nd4j.gemm(x, y, z, false, false, 1.0, 0.0);
            runs++;
        }
        return runs * Math.pow(n, 3) / ((System.nanoTime() - start) / 1e9);
    }
}
