package io.hwnas.spark.report;

import io.hwnas.arch.Architecture;
import io.hwnas.detection.DetectionBatch;
import io.hwnas.detection.DetectionDataset;
import io.hwnas.detection.DetectionSample;
import io.hwnas.detection.ImagePredictions;
import io.hwnas.dl4j.DetectionCanvases;
import io.hwnas.dl4j.DetectionDatasets;
import io.hwnas.dl4j.DetectionTrainer;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.finaltrain.TrainedModels;
import io.hwnas.spark.journal.JournalEntry;
import io.hwnas.spark.store.CompletedRun;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A report panel of a detection run: the shown test canvases ({@link DetectionCanvases#shown()}, composed from the
 * test file, which no candidate trains on or is scored by) with the boxes of its best front members, drawn by
 * {@link CanvasDrawing}. A panel per stage, on the same canvases: the sweep's own training, whose boxes each executor
 * decoded right after training its candidate and returned with the result (a sweep keeps no weights; the journal
 * keeps the boxes), and, once {@code hwnas train-front} has run, the trained members in {@code final/}, whose boxes
 * are decoded here as their test mAP was scored.
 *
 * @param stage after which training the boxes are
 * @param members the drawn members, best first
 * @param canvases canvases per member
 */
public record DetectionBoxes(Stage stage, List<Member> members, int canvases) {
    static final int MEMBERS = 3;

    /** Which training the boxes come after; {@code id} names the page section, figures and PNG files. */
    public enum Stage {
        SWEEP("boxes-sweep", "after the sweep's training"),
        FINAL("boxes", "after train-front");

        final String id;
        final String heading;

        Stage(String id, String heading) {
            this.id = id;
            this.heading = heading;
        }
    }

    /** One member's drawing and the scores it was ranked by. */
    public record Member(int candidateId, String scores, String pngFile, byte[] png) {
    }

    public DetectionBoxes {
        members = List.copyOf(members);
    }

    /**
     * The panels of a detection run, the sweep's first: none (with a note saying why) when the results carry no boxes
     * and train-front has not run, or when the canvases cannot be composed here; none for other tasks.
     */
    public static List<DetectionBoxes> of(CompletedRun run, RunData data, SweepSetup setup, Configuration hadoop,
                                          List<String> notes) {
        SweepConfig config = setup.config();
        if (config == null || !config.task().isDetection()) {
            return List.of();
        }
        List<EvaluationResult> swept = bestSwept(run, data);
        TrainedModels trained = TrainedModels.of(run, hadoop);
        if (swept.isEmpty()) {
            notes.add("No boxes from the sweep's own training: none of its front members' results carries any "
                    + "(untrained candidates, or a run written before results kept them)." + (trained.present() ? ""
                    : " Run hwnas train-front on this run, then hwnas report, to draw the trained members' boxes."));
        }
        if (swept.isEmpty() && !trained.present()) {
            return List.of();
        }
        List<DetectionSample> canvases;
        try {
            canvases = DetectionCanvases.shownCanvases(DetectionDataset.load(
                    DetectionDatasets.settings(config.data(), config.task().detection())));
        } catch (IOException | RuntimeException e) {
            notes.add("No boxes on test canvases: the canvases cannot be composed from " + config.data().path() + " here ("
                    + e.getMessage() + ").");
            return List.of();
        }
        List<DetectionBoxes> panels = new ArrayList<>();
        List<Member> sweptMembers = sweptMembers(swept, canvases, notes);
        if (!sweptMembers.isEmpty()) {
            panels.add(new DetectionBoxes(Stage.SWEEP, sweptMembers, canvases.size()));
        }
        if (trained.present()) {
            panels.add(new DetectionBoxes(Stage.FINAL, trainedMembers(trained, config, canvases), canvases.size()));
        }
        return panels;
    }

    /** The journal's results of the run's front members that carry boxes, best mAP@0.5 first. */
    private static List<EvaluationResult> bestSwept(CompletedRun run, RunData data) {
        Set<String> onFront = new HashSet<>();
        data.fronts().values().forEach(rows -> rows.forEach(r -> onFront.add(
                Cells.text(r, "candidate_id") + "/" + Cells.text(r, "fingerprint"))));
        Map<Integer, EvaluationResult> latest = new LinkedHashMap<>();
        for (JournalEntry e : run.journal().entries(false)) {
            EvaluationResult r = e.result();
            if (r.ok() && !r.testBoxes().isEmpty() && onFront.contains(r.candidateId() + "/" + r.fingerprint())) {
                latest.put(r.candidateId(), r); // a point evaluated again: its last result, as results.csv's row
            }
        }
        return latest.values().stream().sorted(Comparator.comparingDouble(EvaluationResult::map50).reversed())
                .limit(MEMBERS).toList();
    }

    private static List<Member> sweptMembers(List<EvaluationResult> swept, List<DetectionSample> canvases,
                                             List<String> notes) {
        List<Member> members = new ArrayList<>();
        for (EvaluationResult r : swept) {
            List<ImagePredictions> boxes = r.testBoxes();
            boolean same = boxes.size() == canvases.size();
            for (int i = 0; same && i < boxes.size(); i++) {
                same = boxes.get(i).groundTruths().equals(canvases.get(i).groundTruths());
            }
            if (!same) {
                // boxes on other canvases than these would be drawn in the wrong places
                notes.add("No sweep boxes of candidate " + r.candidateId() + ": the test canvases composed here differ "
                        + "from those its executor decoded boxes on.");
                continue;
            }
            members.add(member(Stage.SWEEP, r.candidateId(), String.format(Locale.ROOT,
                    "mAP@0.5 %.4f, mAP@0.5:0.95 %.4f on the validation canvases", r.map50(), r.map50to95()),
                    canvases, boxes));
        }
        return members;
    }

    /** The best {@link #MEMBERS} of final-training.csv by test mAP@0.5, their trained nets run here. */
    private static List<Member> trainedMembers(TrainedModels trained, SweepConfig config,
                                               List<DetectionSample> canvases) {
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
            members.add(member(Stage.FINAL, member.candidateId(), String.format(Locale.ROOT,
                    "test mAP@0.5 %.4f, mAP@0.5:0.95 %.4f", Cells.number(row, "test_map50"),
                    Cells.number(row, "test_map50_95")), canvases,
                    predicted.stream().map(ImagePredictions::strongest).toList()));
        }
        return members;
    }

    private static Member member(Stage stage, int candidateId, String scores, List<DetectionSample> canvases,
                                 List<ImagePredictions> boxes) {
        return new Member(candidateId, scores, stage.id + "-candidate-" + candidateId + ".png",
                CanvasDrawing.png(canvases, boxes.stream().map(ImagePredictions::detections).toList()));
    }

    /** The panel's section of the page, the drawings embedded. */
    String html() {
        StringBuilder h = new StringBuilder();
        boolean one = members.size() == 1;
        String who = one ? "the " : "the " + members.size() + " best ";
        h.append("<section id=\"").append(stage.id).append("\">\n<h2>Detections on test canvases, ")
                .append(stage.heading).append("</h2>\n<p class=\"lead\">The first ").append(canvases)
                .append(" test canvases (composed from the test file, which no candidate trained on or was scored by) "
                        + "with the boxes of ");
        if (stage == Stage.SWEEP) {
            h.append(who).append(one ? "front member" : "front members by validation mAP@0.5")
                    .append(", decoded on the executor right after the sweep trained ").append(one ? "it" : "each")
                    .append(" (a sweep keeps no weights).");
        } else {
            h.append(who).append(one ? "trained front member" : "trained front members")
                    .append(" (hwnas train-front, by test mAP@0.5).");
        }
        h.append(" Green: ground truth. Red: the detector's highest-scoring boxes after decoding and per-class NMS, "
                + "as many as the canvas has objects, with class and score.</p>\n");
        for (Member m : members) {
            h.append("<figure id=\"").append(stage.id).append("-").append(m.candidateId())
                    .append("\">\n<img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(m.png())).append("\" alt=\"test canvases with the boxes "
                            + "of candidate ").append(m.candidateId()).append(", ").append(stage.heading)
                    .append("\">\n<figcaption>candidate #").append(m.candidateId()).append(": ").append(m.scores())
                    .append("<span class=\"files\"><a href=\"").append(m.pngFile()).append("\">PNG</a></span>")
                    .append("</figcaption>\n</figure>\n");
        }
        h.append("</section>\n");
        return h.toString();
    }
}
