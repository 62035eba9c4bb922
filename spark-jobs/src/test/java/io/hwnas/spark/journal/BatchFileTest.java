package io.hwnas.spark.journal;

import io.hwnas.eval.DeviceCost;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchFileTest {

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
