package io.hwnas.spark.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hwnas.detection.Box;
import io.hwnas.detection.Detection;
import io.hwnas.detection.GroundTruth;
import io.hwnas.detection.ImagePredictions;
import io.hwnas.eval.DeviceCost;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Status;
import io.hwnas.io.Mappers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class BatchFileTest {

    static EvaluationResult result(int id, double accuracy, Map<String, Double> proxies) {
        return new EvaluationResult(id, 1, "fp" + id, Map.of("act", "relu"), accuracy > 0 ? Status.OK : Status.FAILED,
                accuracy > 0 ? null : "NaN loss", accuracy, accuracy > 0 ? 0.0125 : Double.NaN, Double.NaN, 1000L + id, 10, 2, 300,
                List.of(new DeviceCost("ethos-u55-128", 0.1234567890123, 8100.5, 4096, true)), 1200, 12, 1.5, 0.25,
                400, 266.6666666666667, 99L + id, "host/1", proxies);
    }

    @Test
    void roundTripsEveryValueExactly() {
        List<JournalEntry> entries = List.of(
                new JournalEntry("k0", JournalEntry.EVALUATED, result(0, 0.8125, Map.of("naswot", Double.NEGATIVE_INFINITY,
                        "synflow", 1e-300))),
                new JournalEntry("k1", "cache:run-a#3", result(1, Double.NaN, Map.of())));
        assertEquals(entries, BatchFile.decode(BatchFile.encode(4, entries), 4));
    }

    /** A detection result: mAP and the trained net's boxes on two shown canvases (one without objects). */
    public static EvaluationResult detection(int id) {
        EvaluationResult r = result(id, 0.5, Map.of());
        List<ImagePredictions> boxes = List.of(
                new ImagePredictions(List.of(new GroundTruth(new Box(3, 4.5, 40, 33), 7),
                        new GroundTruth(new Box(50, 50, 90.25, 95), 0)),
                        List.of(new Detection(new Box(2.0625, 5.1, 41.7, 30.000001), 7, 0.4321),
                                new Detection(new Box(0, 60, 17, 96), 2, 0.010000000000000002))),
                new ImagePredictions(List.of(), List.of()));
        return new EvaluationResult(r.candidateId(), r.generation(), r.fingerprint(), r.choices(), r.status(), r.error(),
                Double.NaN, Double.NaN, 8.75, r.macs(), r.trainableParams(), r.stateParams(), r.peakActivationElements(),
                r.devices(), r.trainingMacs(), r.trainingParams(), r.trainSeconds(), r.evalSeconds(), r.trainSamples(),
                r.trainSamplesPerSecond(), r.seed(), r.worker(), r.proxies(), Double.NaN, Double.NaN, Double.NaN, 0.0123,
                0.0041, boxes, Double.NaN);
    }

    /** A classifier scored as int8 too ({@code quantization: int8}). */
    public static EvaluationResult int8(int id) {
        EvaluationResult r = result(id, 0.8125, Map.of());
        return new EvaluationResult(r.candidateId(), r.generation(), r.fingerprint(), r.choices(), r.status(), r.error(),
                r.accuracy(), r.accuracySe(), r.loss(), r.macs(), r.trainableParams(), r.stateParams(),
                r.peakActivationElements(), r.devices(), r.trainingMacs(), r.trainingParams(), r.trainSeconds(),
                r.evalSeconds(), r.trainSamples(), r.trainSamplesPerSecond(), r.seed(), r.worker(), r.proxies(),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), 0.796875);
    }

    @Test
    void int8AccuracyRoundTripsAndAnOlderEntryWithoutItReadsAsNaN() throws Exception {
        List<JournalEntry> entries = List.of(new JournalEntry("k", JournalEntry.EVALUATED, int8(3)));
        List<JournalEntry> back = BatchFile.decode(BatchFile.encode(2, entries), 2);
        assertEquals(entries, back);
        assertEquals(0.796875, back.get(0).result().accuracyInt8());
        assertEquals(0.796875, back.get(0).result().asCandidate(9, 4).accuracyInt8(), "a reused result keeps it");

        // an entry as an hwnas before int8 sweeps wrote it: the same JSON without the field
        ObjectMapper json = Mappers.json();
        ObjectNode old = json.valueToTree(entries.get(0));
        assertEquals(0.796875, ((ObjectNode) old.get("result")).remove("accuracyInt8").doubleValue());
        JournalEntry read = json.treeToValue(old, JournalEntry.class);
        assertTrue(Double.isNaN(read.result().accuracyInt8()), "not Jackson's 0 for a missing double");
        assertEquals(0.8125, read.result().accuracy());
    }

    @Test
    void detectionBoxesRoundTripAndAnOlderEntryWithoutThemReadsAsNone() throws Exception {
        List<JournalEntry> entries = List.of(new JournalEntry("k", JournalEntry.EVALUATED, detection(2)));
        List<JournalEntry> back = BatchFile.decode(BatchFile.encode(7, entries), 7);
        assertEquals(entries, back);
        assertEquals(0.010000000000000002, back.get(0).result().testBoxes().get(0).detections().get(1).score());

        // an entry as an hwnas before the boxes wrote it: the same JSON without the field
        ObjectMapper json = Mappers.json();
        ObjectNode old = json.valueToTree(entries.get(0));
        assertTrue(((ObjectNode) old.get("result")).remove("testBoxes").isArray());
        JournalEntry read = json.treeToValue(old, JournalEntry.class);
        assertEquals(List.of(), read.result().testBoxes());
        ObjectNode again = json.valueToTree(read);
        assertEquals(json.createArrayNode(), ((ObjectNode) again.get("result")).remove("testBoxes"));
        assertEquals(old, again, "everything else as written");
    }

    @Test
    void rejectsTruncatedAlteredOrMisnamedFiles() {
        byte[] ok = BatchFile.encode(2, List.of(new JournalEntry("k", JournalEntry.EVALUATED, result(5, 0.75, Map.of()))));
        String truncated = assertThrows(BatchFile.CorruptBatchException.class,
                () -> BatchFile.decode(Arrays.copyOf(ok, ok.length - 1), 2)).getMessage();
        assertTrue(truncated.contains("truncated"), truncated);
        // one digit of the accuracy changed: still valid JSON, so only the checksum can tell
        byte[] altered = new String(ok, StandardCharsets.UTF_8).replace("0.75", "0.95").getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(BatchFile.CorruptBatchException.class, () -> BatchFile.decode(altered, 2))
                .getMessage().contains("SHA-256"));
        assertTrue(assertThrows(BatchFile.CorruptBatchException.class, () -> BatchFile.decode(ok, 3))
                .getMessage().contains("batch 2"));
        assertThrows(BatchFile.CorruptBatchException.class, () -> BatchFile.decode(new byte[0], 2));
        assertThrows(BatchFile.CorruptBatchException.class,
                () -> BatchFile.decode("{\"format\":1}".getBytes(StandardCharsets.UTF_8), 2));
    }
}
