package io.hwnas.sr;

import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.FashionMnist;
import io.hwnas.data.ImageDataset;
import io.hwnas.data.Permutations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The images of a super-resolution sweep: training images, from which each epoch draws random patches, and
 * held-out images, scored whole. Two sources:
 * <ul>
 *   <li>a directory of photographs ({@code data.images} names them; default every {@code .png}): a seeded
 *   permutation of the sorted names holds out the first {@code data.validationSamples}, the rest train, and
 *   {@code data.trainSamples} is the number of patches per epoch;</li>
 *   <li>a Fashion-MNIST directory (the tests' small fallback): {@code data}'s usual draw, the training subset's
 *   28×28 items as training images and the validation subset's as held-out images.</li>
 * </ul>
 */
public record SrDataset(List<SrImage> train, List<SrImage> heldOut, int patchesPerEpoch) implements Serializable {

    private static final Logger LOG = LoggerFactory.getLogger(SrDataset.class);
    private static final Map<List<Object>, SrDataset> LOADED = new ConcurrentHashMap<>();

    public SrDataset {
        if (train.isEmpty() || heldOut.isEmpty()) {
            throw new IllegalArgumentException("super-resolution needs training and held-out images, got "
                    + train.size() + " and " + heldOut.size());
        }
        train = List.copyOf(train);
        heldOut = List.copyOf(heldOut);
    }

    /** One load per JVM and settings: executors read and resize the images once, not once per task. */
    public static SrDataset get(DataSettings data, int scale) {
        return LOADED.computeIfAbsent(List.of(data, scale), k -> {
            try {
                return load(data, scale);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }

    static SrDataset load(DataSettings data, int scale) throws IOException {
        SrDataset loaded = isFashionMnist(data.path()) ? fromIdx(data, scale) : fromPhotos(data, scale);
        LOG.info("Loaded {} training and {} held-out images for x{} super-resolution from {}", loaded.train.size(),
                loaded.heldOut.size(), scale, data.path());
        return loaded;
    }

    private static boolean isFashionMnist(String path) {
        Path dir = Path.of(path);
        return Files.exists(dir.resolve(FashionMnist.TRAIN_IMAGES)) || Files.exists(dir.resolve(FashionMnist.TRAIN_IMAGES + ".gz"));
    }

    private static SrDataset fromIdx(DataSettings data, int scale) throws IOException {
        if (!data.images().isEmpty()) {
            throw new IllegalArgumentException("field 'data.images' names files, but " + data.path()
                    + " holds Fashion-MNIST IDX files");
        }
        DatasetSplit split = FashionMnist.load(data.path(), data.toSplitSpec());
        return new SrDataset(items(split.train(), scale), items(split.validation(), scale), data.trainSamples());
    }

    private static List<SrImage> items(ImageDataset d, int scale) {
        List<SrImage> out = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            out.add(SrImage.of(LumaImage.ofGray(d.image(i), d.rows(), d.cols()), scale));
        }
        return out;
    }

    private static SrDataset fromPhotos(DataSettings data, int scale) throws IOException {
        Path dir = Path.of(data.path());
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException("field 'data.path' = " + data.path() + " is not a directory of images "
                    + "(for the bundled example photographs: apt-get install -y python3-skimage)");
        }
        List<String> names = data.images().isEmpty() ? pngs(dir) : data.images();
        if (names.size() <= data.validationSamples()) {
            throw new IllegalArgumentException("field 'data.validationSamples' = " + data.validationSamples()
                    + " must be below the " + names.size() + " images in " + dir + " (the rest train)");
        }
        int[] order = Permutations.of(names.size(), new SplittableRandom(data.seed()));
        List<SrImage> heldOut = new ArrayList<>();
        List<SrImage> train = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            SrImage image = SrImage.of(read(dir.resolve(names.get(order[i]))), scale);
            (i < data.validationSamples() ? heldOut : train).add(image);
        }
        return new SrDataset(train, heldOut, data.trainSamples());
    }

    private static List<String> pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
    }

    private static LumaImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("field 'data.images' names " + file.getFileName() + ", which is not a file in "
                    + file.getParent());
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + " is not an image ImageIO reads (PNG, JPEG, GIF, BMP)");
        }
        return LumaImage.of(image);
    }

    /**
     * {@code patchesPerEpoch} random training pairs for one epoch: patch i comes from training image
     * {@code i mod images} (in a seeded order), at a random position on the scale's grid so its low-resolution
     * window is exact. Images smaller than the patch are skipped.
     *
     * @return pairs of (network input, high-resolution target)
     */
    public List<LumaImage[]> patches(SuperResolution task, SplittableRandom rng) {
        int p = task.patchSize();
        int s = task.scale();
        List<SrImage> usable = train.stream().filter(i -> i.highResolution().height() >= p
                && i.highResolution().width() >= p).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("field 'task.patchSize' = " + p + " exceeds every training image");
        }
        int[] order = Permutations.of(usable.size(), rng);
        List<LumaImage[]> out = new ArrayList<>(patchesPerEpoch);
        for (int i = 0; i < patchesPerEpoch; i++) {
            SrImage image = usable.get(order[i % order.length]);
            int row = rng.nextInt((image.highResolution().height() - p) / s + 1) * s;
            int col = rng.nextInt((image.highResolution().width() - p) / s + 1) * s;
            LumaImage input = task.input() == SuperResolution.Input.LOW_RESOLUTION
                    ? image.lowResolution().crop(row / s, col / s, p / s, p / s)
                    : image.upscaled().crop(row, col, p, p);
            out.add(new LumaImage[] {input, image.highResolution().crop(row, col, p, p)});
        }
        return out;
    }

    /** Mean bicubic-baseline PSNR over the held-out images. */
    public double bicubicPsnr() {
        return heldOut.stream().mapToDouble(SrImage::bicubicPsnr).average().orElseThrow();
    }
}
