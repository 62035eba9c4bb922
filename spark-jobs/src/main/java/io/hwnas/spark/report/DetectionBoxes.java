package io.hwnas.spark.report;

import io.hwnas.arch.Architecture;
import io.hwnas.detection.Detection;
import io.hwnas.detection.DetectionBatch;
import io.hwnas.detection.DetectionDataset;
import io.hwnas.detection.DetectionSample;
import io.hwnas.detection.DetectionSplit;
import io.hwnas.detection.ImagePredictions;
import io.hwnas.dl4j.DetectionDatasets;
import io.hwnas.dl4j.DetectionTrainer;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.finaltrain.TrainedModels;
import io.hwnas.spark.store.CompletedRun;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's panel of a detection run: the first test canvases with the boxes of the best trained detectors. A sweep
 * keeps no weights (candidates train on executors and only their figures come back), so the detectors are the ones
 * {@code hwnas train-front} trained into {@code final/}, the best {@link #MEMBERS} by test mAP@0.5; their predictions
 * are the real net's on canvases none of them trained on, decoded and suppressed as their mAP was scored.
 *
 * @param members the drawn members, best first
 * @param canvases test canvases per member
 */
public record DetectionBoxes(List<Member> members, int canvases) {
    static final int MEMBERS = 3;
    static final int CANVASES = 4;

    /** One trained member's drawing and its test scores from final-training.csv. */
    public record Member(int candidateId, double testMap50, double testMap50to95, byte[] png) {
        public String pngFile() {
            return "boxes-candidate-" + candidateId + ".png";
        }
    }

    public DetectionBoxes {
        members = List.copyOf(members);
    }

    /**
     * The panel of a detection run with a final training; empty (with a note saying why) for a detection run without
     * one or whose canvases cannot be composed here, and for other tasks.
     */
    public static Optional<DetectionBoxes> of(CompletedRun run, SweepSetup setup, Configuration hadoop,
                                              List<String> notes) {
        SweepConfig config = setup.config();
        if (config == null || !config.task().isDetection()) {
            return Optional.empty();
        }
        TrainedModels trained = TrainedModels.of(run, hadoop);
        if (!trained.present()) {
            notes.add("No boxes on test canvases: a sweep keeps no trained weights. Run hwnas train-front on this run, "
                    + "then hwnas report, to draw the trained front members' detections.");
            return Optional.empty();
        }
        DetectionDataset data;
        try {
            data = DetectionDataset.load(DetectionDatasets.settings(config.data(), config.task().detection()));
        } catch (IOException | RuntimeException e) {
            notes.add("No boxes on test canvases: the canvases cannot be composed from " + config.data().path() + " here ("
                    + e.getMessage() + ").");
            return Optional.empty();
        }
        List<DetectionSample> canvases = new ArrayList<>();
        for (int i = 0; i < CANVASES; i++) {
            canvases.add(data.sample(DetectionSplit.TEST, i));
        }
        String source = TrainedModels.DIRECTORY + "/" + TrainedModels.CSV_FILE;
        List<Member> members = new ArrayList<>();
        for (Map<String, String> row : trained.rows().stream()
                .sorted(Comparator.comparingDouble((Map<String, String> r) -> -Cells.number(r, "test_map50")))
                .limit(MEMBERS).toList()) {
            FrontMember member = FrontMember.resolve(config.space(), row, source, config.task().qualityColumn());
            Architecture arch = config.space().decode(member.choice());
            ComputationGraph graph = trained.graph(row.get("model_file"));
            List<ImagePredictions> predicted = DetectionTrainer.predict(graph, DetectionDatasets.head(arch),
                    new DetectionBatch(canvases));
            members.add(new Member(member.candidateId(), Cells.number(row, "test_map50"),
                    Cells.number(row, "test_map50_95"), CanvasDrawing.png(canvases,
                    predicted.stream().map(DetectionBoxes::shown).toList())));
        }
        return Optional.of(new DetectionBoxes(members, CANVASES));
    }

    /**
     * The detections drawn for a canvas: the highest-scoring, as many as it has objects. After a sweep's budget
     * every score is low, so a score floor would draw nothing or everything; this shows the net's best guesses.
     */
    private static List<Detection> shown(ImagePredictions p) {
        return p.detections().stream().sorted(Comparator.comparingDouble(Detection::score).reversed())
                .limit(p.groundTruths().size()).toList();
    }

    /** The panel's section of the page, the drawings embedded. */
    String html() {
        StringBuilder h = new StringBuilder();
        h.append("<section id=\"boxes\">\n<h2>Detections on test canvases</h2>\n<p class=\"lead\">The first ")
                .append(canvases).append(" test canvases (composed from the test file, which no candidate trained on) "
                        + "with the boxes of ").append(members.size() == 1 ? "the trained front member"
                        : "the " + members.size() + " best trained front members")
                .append(" (hwnas train-front, by test mAP@0.5). Green: ground truth. Red: the detector's "
                        + "highest-scoring boxes after decoding and per-class NMS, as many as the canvas has objects, "
                        + "with class and score.</p>\n");
        for (Member m : members) {
            h.append("<figure id=\"boxes-").append(m.candidateId()).append("\">\n<img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(m.png())).append("\" alt=\"test canvases with the boxes "
                            + "of candidate ").append(m.candidateId()).append("\">\n<figcaption>candidate #")
                    .append(m.candidateId()).append(String.format(Locale.ROOT,
                            ": test mAP@0.5 %.4f, mAP@0.5:0.95 %.4f", m.testMap50(), m.testMap50to95()))
                    .append("<span class=\"files\"><a href=\"").append(m.pngFile()).append("\">PNG</a></span>")
                    .append("</figcaption>\n</figure>\n");
        }
        h.append("</section>\n");
        return h.toString();
    }
}
