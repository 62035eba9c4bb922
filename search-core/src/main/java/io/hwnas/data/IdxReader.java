package io.hwnas.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads MNIST-style IDX files: an images file ({@code idx3-ubyte}: count, rows, cols) and a labels
 * file ({@code idx1-ubyte}: count), raw or gzip-compressed, from a local path or a Hadoop URI.
 * Validation is strict (magic number, dimensions, exact length) because a silently misread file
 * would only surface later as an inexplicably bad model.
 */
public final class IdxReader {

    private static final Logger LOG = LoggerFactory.getLogger(IdxReader.class);

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int BUFFER_BYTES = 1 << 16;

    private IdxReader() {
    }

    /**
     * @param imagesLocation an {@code idx3-ubyte} file, optionally gzipped
     * @param labelsLocation the matching {@code idx1-ubyte} file, optionally gzipped
     * @return the samples with {@code numClasses} one more than the largest label in the file
     */
    public static ImageDataset read(String imagesLocation, String labelsLocation) throws IOException {
        long start = System.nanoTime();
        IdxArray images = readArray(imagesLocation, 3, "images");
        IdxArray labels = readArray(labelsLocation, 1, "labels");
        int count = images.dims()[0];
        if (labels.dims()[0] != count) {
            throw new IdxFormatException(labelsLocation,
                    "holds " + labels.dims()[0] + " labels but " + imagesLocation + " holds " + count + " images");
        }
        int[] labelValues = new int[count];
        int maxLabel = 0;
        for (int i = 0; i < count; i++) {
            labelValues[i] = Byte.toUnsignedInt(labels.data()[i]);
            maxLabel = Math.max(maxLabel, labelValues[i]);
        }
        ImageDataset dataset = ImageDataset.wrap(images.data(), labelValues, images.dims()[1], images.dims()[2], maxLabel + 1);
        LOG.debug("Read {} {}x{} images with {} classes from {} and {} in {} ms", count, dataset.rows(), dataset.cols(),
                dataset.numClasses(), imagesLocation, labelsLocation, (System.nanoTime() - start) / 1_000_000);
        return dataset;
    }

    private record IdxArray(int[] dims, byte[] data) {
    }

    private static IdxArray readArray(String location, int expectedDims, String kind) throws IOException {
        try (InputStream in = decompressIfGzipped(location, new BufferedInputStream(Locations.open(location), BUFFER_BYTES))) {
            int[] dims = readHeader(in, location, expectedDims, kind);
            long length = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
            if (length > Integer.MAX_VALUE - 8) {
                throw new IdxFormatException(location, "dimensions " + Arrays.toString(dims) + " need " + length
                        + " bytes, more than one Java array holds");
            }
            // readNBytes grows its buffer as data arrives, so a corrupt header cannot force a huge allocation up front
            byte[] data = in.readNBytes((int) length);
            if (data.length < length) {
                throw new IdxFormatException(location, "truncated: the header " + Arrays.toString(dims) + " promises "
                        + length + " bytes of data but only " + data.length + " follow");
            }
            if (in.read() != -1) {
                throw new IdxFormatException(location, "has bytes beyond the " + length + " its header "
                        + Arrays.toString(dims) + " promises, so the header is probably wrong");
            }
            return new IdxArray(dims, data);
        } catch (ZipException | EOFException e) {
            // what GZIPInputStream throws for a corrupt or cut-off stream
            throw new IdxFormatException(location, "corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }

    private static InputStream decompressIfGzipped(String location, BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
            return new GZIPInputStream(in, BUFFER_BYTES);
        }
        if (location.endsWith(".gz")) {
            throw new IdxFormatException(location, String.format(
                    "is named .gz but does not start with the gzip magic bytes 1f 8b (found %02x %02x)", b0 & 0xff, b1 & 0xff));
        }
        return in;
    }

    private static int[] readHeader(InputStream in, String location, int expectedDims, String kind) throws IOException {
        int expectedMagic = UNSIGNED_BYTE << 8 | expectedDims;
        byte[] magicBytes = in.readNBytes(4);
        if (magicBytes.length < 4) {
            throw new IdxFormatException(location, "truncated: " + magicBytes.length + " bytes, too short for an IDX magic number");
        }
        int magic = ByteBuffer.wrap(magicBytes).getInt();
        String expected = String.format("expected an IDX %s file, magic 0x%08x (unsigned bytes, %d dimension%s), but found 0x%08x",
                kind, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s", magic);
        if (magic >>> 16 != 0) {
            throw new IdxFormatException(location, expected + ": not an IDX file");
        }
        if ((magic >>> 8 & 0xff) != UNSIGNED_BYTE) {
            throw new IdxFormatException(location, expected + String.format(": element type 0x%02x is not supported", magic >>> 8 & 0xff));
        }
        if ((magic & 0xff) != expectedDims) {
            throw new IdxFormatException(location, expected + ": it has " + (magic & 0xff) + " dimensions");
        }
        byte[] dimBytes = in.readNBytes(4 * expectedDims);
        if (dimBytes.length < 4 * expectedDims) {
            throw new IdxFormatException(location, "truncated: the header ends before its " + expectedDims + " dimension sizes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(dimBytes);
        int[] dims = new int[expectedDims];
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = buffer.getInt();
            // sizes are unsigned in the format; anything past 2^31 is corruption for datasets of this kind
            if (dims[d] < 1) {
                throw new IdxFormatException(location, "dimension " + d + (d == 0 ? " (sample count)" : "")
                        + " is " + Integer.toUnsignedString(dims[d]) + ", expected at least 1");
            }
        }
        return dims;
    }
}
