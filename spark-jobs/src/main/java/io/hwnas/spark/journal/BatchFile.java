package io.hwnas.spark.journal;

import io.hwnas.io.Mappers;
import io.hwnas.io.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes of one batch file: a header line (format, batch, entry count, body length and SHA-256)
 * followed by the entries as a JSON array. The checksum is over the body's exact bytes, so a file
 * cut short or altered in any way is recognised as corrupt instead of being read; parsing alone
 * would accept a flipped digit in an accuracy.
 */
public final class BatchFile {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = Mappers.json();

    /** The first line of a batch file. */
    record Header(int format, int batch, int entries, long bodyBytes, String sha256) {
    }

    private BatchFile() {
    }

    public static byte[] encode(int batch, List<JournalEntry> entries) {
        try {
            byte[] body = JSON.writeValueAsBytes(entries);
            byte[] header = JSON.writeValueAsBytes(new Header(FORMAT, batch, entries.size(), body.length, Sha256.hex(body)));
            byte[] out = new byte[header.length + 1 + body.length];
            System.arraycopy(header, 0, out, 0, header.length);
            out[header.length] = '\n';
            System.arraycopy(body, 0, out, header.length + 1, body.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode batch " + batch + ": " + e.getMessage(), e);
        }
    }

    /**
     * The entries of a batch file, checked against its header.
     *
     * @throws CorruptBatchException saying what is wrong (no header, wrong length or checksum,
     *     unreadable entries, wrong batch number)
     */
    public static List<JournalEntry> decode(byte[] bytes, int expectedBatch) {
        int newline = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            throw new CorruptBatchException("no header line (" + bytes.length + " bytes)");
        }
        Header header;
        try {
            header = JSON.readValue(new String(bytes, 0, newline, StandardCharsets.UTF_8), Header.class);
        } catch (JsonProcessingException e) {
            throw new CorruptBatchException("unreadable header: " + e.getOriginalMessage());
        }
        if (header.format() != FORMAT) {
            throw new CorruptBatchException("format " + header.format() + " is not the supported " + FORMAT);
        }
        if (header.batch() != expectedBatch) {
            throw new CorruptBatchException("header says batch " + header.batch() + ", file name says " + expectedBatch);
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, newline + 1, bytes.length);
        if (body.length != header.bodyBytes()) {
            throw new CorruptBatchException("body is " + body.length + " bytes, header says " + header.bodyBytes()
                    + " (truncated?)");
        }
        if (!Sha256.hex(body).equals(header.sha256())) {
            throw new CorruptBatchException("SHA-256 of the body does not match the header");
        }
        try {
            List<JournalEntry> entries = JSON.readValue(body, new TypeReference<List<JournalEntry>>() { });
            if (entries.size() != header.entries()) {
                throw new CorruptBatchException(entries.size() + " entries, header says " + header.entries());
            }
            return entries;
        } catch (java.io.IOException e) {
            throw new CorruptBatchException("unreadable entries: " + e.getMessage());
        }
    }

    /** A batch file that must not be read: the message says why. */
    public static final class CorruptBatchException extends RuntimeException {
        CorruptBatchException(String message) {
            super(message);
        }
    }
}
