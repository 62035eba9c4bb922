package io.hwnas.hant;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Trainer;
import io.hwnas.transform.Dl4jParameters;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The teacher's feature maps at every layer boundary (entry i = layer i's input, i+1 = its output) on the
 * distillation images, one row per image ([images, C·H·W]). One inference pass gives all boundaries; each JVM
 * keeps the last teacher's maps, so the tasks of one run that land on an executor compute them once.
 */
public final class TeacherFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherFeatures.class);
    private static final int BATCH = 128;

    private record Key(String teacherId, int trainImages, int validationImages, int trainSize, int validationSize) {
    }

    private static Key cachedKey;
    private static TeacherFeatures cached;

    private final List<INDArray> train;
    private final List<INDArray> validation;
    private final List<Shape> shapes;

    private TeacherFeatures(List<INDArray> train, List<INDArray> validation, List<Shape> shapes) {
        this.train = train;
        this.validation = validation;
        this.shapes = shapes;
    }

    /** This JVM's maps for {@code teacher} on {@code data}, computed on first use. */
    public static synchronized TeacherFeatures of(TeacherSnapshot teacher, DatasetSplit data,
                                                  DistillationSettings settings) {
        Key key = new Key(teacher.id(), settings.trainImages(), settings.validationImages(), data.train().size(),
                data.validation().size());
        if (!key.equals(cachedKey)) {
            cached = null; // release the previous maps before allocating new ones
            cached = compute(teacher, data, settings);
            cachedKey = key;
        }
        return cached;
    }

    static TeacherFeatures compute(TeacherSnapshot teacher, DatasetSplit data, DistillationSettings settings) {
        if (settings.trainImages() > data.train().size() || settings.validationImages() > data.validation().size()) {
            throw new IllegalArgumentException("distillation needs " + settings.trainImages() + " training and "
                    + settings.validationImages() + " validation images, the data has " + data.train().size() + " and "
                    + data.validation().size());
        }
        long start = System.nanoTime();
        ChainNetwork network = teacher.network();
        Architecture arch = network.teacher();
        ComputationGraph graph = GraphBuilder.build(arch, 0, 1e-3);
        Dl4jParameters.write(arch, teacher.params(), graph);
        List<String> boundaries = network.boundaries(network.teacherOps());
        List<Shape> shapes = boundaries.stream().map(arch::shape).toList();
        List<INDArray> train = run(graph, arch, data.train(), settings.trainImages(), boundaries);
        List<INDArray> validation = run(graph, arch, data.validation(), settings.validationImages(), boundaries);
        LOG.info("teacher {} feature maps at {} boundaries on {} + {} images in {} s", teacher.id().substring(0, 12),
                boundaries.size(), settings.trainImages(), settings.validationImages(),
                Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        return new TeacherFeatures(train, validation, shapes);
    }

    private static List<INDArray> run(ComputationGraph graph, Architecture arch, ImageDataset images, int count,
                                      List<String> boundaries) {
        List<List<INDArray>> parts = new ArrayList<>();
        boundaries.forEach(b -> parts.add(new ArrayList<>()));
        for (int from = 0; from < count; from += BATCH) {
            int[] idx = IntStream.range(from, Math.min(count, from + BATCH)).toArray();
            INDArray x = Trainer.toDataSet(images, idx, arch).getFeatures();
            var activations = graph.feedForward(x, false);
            for (int b = 0; b < boundaries.size(); b++) {
                INDArray a = activations.get(boundaries.get(b));
                parts.get(b).add(a.reshape('c', idx.length, a.length() / idx.length).dup('c'));
            }
        }
        List<INDArray> out = new ArrayList<>();
        for (List<INDArray> p : parts) {
            out.add(Nd4j.vstack(p.toArray(INDArray[]::new)));
        }
        return List.copyOf(out);
    }

    /** Boundary {@code b} on the training images, [images, C·H·W]. */
    public INDArray train(int boundary) {
        return train.get(boundary);
    }

    public INDArray validation(int boundary) {
        return validation.get(boundary);
    }

    /** The C×H×W shape of boundary {@code b}. */
    public Shape shape(int boundary) {
        return shapes.get(boundary);
    }
}
