package io.hwnas.dl4j;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.YoloDetector;
import io.hwnas.detection.Box;
import io.hwnas.detection.Detection;
import io.hwnas.detection.GroundTruth;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The output scales of a detector net ({@link YoloDetector#outputs}: its prediction maps, finest first) with their
 * anchors, and the two conversions between canvas boxes and the maps: labels for training and decoded detections.
 *
 * <p>Anchors are square and spread geometrically over the dataset's object sizes: with K anchors in all, anchor k
 * has side min·(max/min)^(k/(K−1)); the smallest B go to the finest scale, and so on. Each ground-truth object is
 * labelled at one scale only, the one holding the anchor whose shape (both centred) overlaps its box best, as
 * YOLOv3 assigns objects to scales.
 *
 * @param classes C
 * @param scales  finest first, as the net's outputs
 */
public record YoloHead(int classes, List<YoloScale> scales) implements Serializable {

    public YoloHead {
        if (classes < 1) {
            throw new IllegalArgumentException("a detector needs at least one class, got " + classes);
        }
        scales = List.copyOf(scales);
    }

    /**
     * The head of {@code arch} for {@code classes} classes with anchors over object sides {@code minObject} ..
     * {@code maxObject} pixels; refuses a net whose prediction maps are not B·(5 + C) channels on a square grid
     * that divides the canvas.
     */
    public static YoloHead of(Architecture arch, int classes, double minObject, double maxObject) {
        List<String> outputs = YoloDetector.outputs(arch);
        int side = arch.input().height();
        List<int[]> layout = new ArrayList<>();
        int total = 0;
        for (String id : outputs) {
            Shape s = arch.shape(id);
            if (!s.spatial() || s.channels() % (5 + classes) != 0 || s.height() != s.width()
                    || side % s.height() != 0) {
                throw new ArchitectureException("architecture '" + arch.name() + "': output '" + id + "' gives " + s
                        + ", expected B·(5 + " + classes + ") channels on a square grid dividing the " + side
                        + "-pixel canvas");
            }
            int boxes = s.channels() / (5 + classes);
            if (!layout.isEmpty() && side / s.height() <= layout.get(layout.size() - 1)[0]) {
                throw new ArchitectureException("architecture '" + arch.name() + "': output '" + id
                        + "' is not coarser than the one before it; prediction maps come finest first");
            }
            layout.add(new int[] {side / s.height(), s.height(), boxes});
            total += boxes;
        }
        List<YoloScale> scales = new ArrayList<>();
        int k = 0;
        for (int[] l : layout) {
            List<double[]> anchors = new ArrayList<>();
            for (int b = 0; b < l[2]; b++, k++) {
                double a = total == 1 ? Math.sqrt(minObject * maxObject)
                        : minObject * Math.pow(maxObject / minObject, (double) k / (total - 1));
                anchors.add(new double[] {a, a});
            }
            scales.add(new YoloScale(l[0], l[1], anchors));
        }
        return new YoloHead(classes, scales);
    }

    /** Per scale, the labels of a batch: [N, 4 + C, grid, grid] each; objects are assigned by {@link #scaleOf}. */
    public INDArray[] labels(List<List<GroundTruth>> truths) {
        INDArray[] labels = new INDArray[scales.size()];
        for (int i = 0; i < labels.length; i++) {
            int g = scales.get(i).grid();
            labels[i] = Nd4j.zeros(DataType.FLOAT, truths.size(), 4 + classes, g, g);
        }
        for (int n = 0; n < truths.size(); n++) {
            for (GroundTruth t : truths.get(n)) {
                int s = scaleOf(t.box());
                scales.get(s).label(labels[s], n, t.box(), t.classId());
            }
        }
        return labels;
    }

    /** The scale whose anchor overlaps {@code box} best when both are centred on one point. */
    public int scaleOf(Box box) {
        int best = 0;
        double bestIou = -1;
        for (int s = 0; s < scales.size(); s++) {
            for (double[] a : scales.get(s).anchors()) {
                double inter = Math.min(a[0], box.width()) * Math.min(a[1], box.height());
                double iou = inter / (a[0] * a[1] + box.area() - inter);
                if (iou > bestIou) {
                    bestIou = iou;
                    best = s;
                }
            }
        }
        return best;
    }

    /** Every box of example {@code n} over all scales; {@code outputs}: the layers' activations, as {@link #scales}. */
    public List<Detection> decode(INDArray[] outputs, int n, double minScore) {
        List<Detection> all = new ArrayList<>();
        for (int s = 0; s < scales.size(); s++) {
            all.addAll(scales.get(s).decode(outputs[s], n, classes, minScore));
        }
        return all;
    }

    /** Each scale's priors in grid units, for the graph's output layers. */
    public List<INDArray> priors() {
        return scales.stream().map(YoloScale::priors).toList();
    }
}
