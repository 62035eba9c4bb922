package io.hwnas.detection;

import io.hwnas.data.ImageDataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Composes one canvas: a background texture of small dimmed items, then the objects, each pasted opaquely (its
 * non-zero pixels replace what is under them) at a random size and position. A position is taken only if no earlier
 * object ends up with more than {@code maxCovered} of its pixels covered; after {@value #PLACEMENT_TRIES} refused
 * positions the object is left out, so crowded settings give fewer objects rather than unrecognisable ones.
 */
final class CanvasComposer {

    private static final int PLACEMENT_TRIES = 30;
    /** The texture: one item shrunk to a 6–10 px tile repeated over the canvas, plus 3–6 scattered small items. */
    private static final int MIN_TILE = 6;
    private static final int MAX_TILE = 10;
    private static final int MIN_CLUTTER = 3;
    private static final int MAX_CLUTTER = 6;
    /** Background items shine at 50–100 % of {@code backgroundContrast}, so the texture is not one flat level. */
    private static final double MIN_DIMMING = 0.5;

    private final DetectionDataSettings settings;

    /** An object on the canvas: the sprite with its top-left corner at column x, row y, and its source item. */
    private record Pasted(Sprite sprite, int x, int y, int item) {
    }

    CanvasComposer(DetectionDataSettings settings) {
        this.settings = settings;
    }

    /** @param pool the indices into {@code source} this canvas may use */
    DetectionSample compose(ImageDataset source, int[] pool, SplittableRandom rng) {
        int n = settings.canvasSize();
        float[] canvas = new float[n * n];
        List<Integer> backgroundItems = new ArrayList<>();
        paintBackground(canvas, source, pool, rng, backgroundItems);

        int[] owner = new int[n * n];
        Arrays.fill(owner, -1);
        List<Pasted> pasted = new ArrayList<>();
        int[] visible = new int[settings.maxObjects()];
        int wanted = rng.nextInt(settings.minObjects(), settings.maxObjects() + 1);
        for (int k = 0; k < wanted; k++) {
            int item = pool[rng.nextInt(pool.length)];
            Sprite sprite = Sprite.of(source, item, rng.nextInt(settings.minObjectSize(), settings.maxObjectSize() + 1));
            if (sprite.pixelCount() == 0) {
                continue;
            }
            for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
                int x = rng.nextInt(n - sprite.side() + 1);
                int y = rng.nextInt(n - sprite.side() + 1);
                int[] lost = pixelsCovered(sprite, x, y, owner, pasted.size());
                if (keepsEveryoneVisible(pasted, visible, lost)) {
                    int id = pasted.size();
                    paste(canvas, owner, sprite, x, y, id);
                    for (int j = 0; j < id; j++) {
                        visible[j] -= lost[j];
                    }
                    visible[id] = sprite.pixelCount();
                    pasted.add(new Pasted(sprite, x, y, item));
                    break;
                }
            }
        }
        List<PlacedObject> objects = new ArrayList<>();
        for (int i = 0; i < pasted.size(); i++) {
            Pasted p = pasted.get(i);
            objects.add(new PlacedObject(new GroundTruth(p.sprite().boxAt(p.x(), p.y()), source.label(p.item())), p.item(),
                    (double) visible[i] / p.sprite().pixelCount()));
        }
        return new DetectionSample(n, canvas, objects, backgroundItems);
    }

    /** How many visible pixels of each earlier object the sprite would cover at (x, y). */
    private int[] pixelsCovered(Sprite sprite, int x, int y, int[] owner, int placed) {
        int n = settings.canvasSize();
        int[] lost = new int[placed];
        for (int r = 0; r < sprite.side(); r++) {
            for (int c = 0; c < sprite.side(); c++) {
                int o = owner[(y + r) * n + x + c];
                if (o >= 0 && sprite.opaqueAt(r, c)) {
                    lost[o]++;
                }
            }
        }
        return lost;
    }

    private boolean keepsEveryoneVisible(List<Pasted> pasted, int[] visible, int[] lost) {
        for (int j = 0; j < lost.length; j++) {
            int area = pasted.get(j).sprite().pixelCount();
            if (area - (visible[j] - lost[j]) > settings.maxCovered() * area) {
                return false;
            }
        }
        return true;
    }

    private void paste(float[] canvas, int[] owner, Sprite sprite, int x, int y, int id) {
        int n = settings.canvasSize();
        for (int r = 0; r < sprite.side(); r++) {
            for (int c = 0; c < sprite.side(); c++) {
                if (sprite.opaqueAt(r, c)) {
                    canvas[(y + r) * n + x + c] = sprite.at(r, c);
                    owner[(y + r) * n + x + c] = id;
                }
            }
        }
    }

    /**
     * A texture no threshold separates from the objects: clothing shapes, only smaller and dimmer, so a detector has
     * to tell an object by its size, brightness and shape together.
     */
    private void paintBackground(float[] canvas, ImageDataset source, int[] pool, SplittableRandom rng,
                                 List<Integer> backgroundItems) {
        if (settings.backgroundContrast() == 0) {
            return;
        }
        int n = settings.canvasSize();
        int tileItem = pool[rng.nextInt(pool.length)];
        backgroundItems.add(tileItem);
        Sprite tile = Sprite.of(source, tileItem, rng.nextInt(MIN_TILE, MAX_TILE + 1));
        float tileLevel = dimming(rng);
        int dx = rng.nextInt(tile.side());
        int dy = rng.nextInt(tile.side());
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                canvas[r * n + c] = tileLevel * tile.at((r + dy) % tile.side(), (c + dx) % tile.side());
            }
        }
        // clutter up to two thirds of the smallest object, so it is never a plausible object itself
        int largest = Math.max(MIN_TILE, settings.minObjectSize() * 2 / 3);
        int smallest = Math.max(MIN_TILE / 2, largest / 2);
        int clutter = rng.nextInt(MIN_CLUTTER, MAX_CLUTTER + 1);
        for (int k = 0; k < clutter; k++) {
            int item = pool[rng.nextInt(pool.length)];
            backgroundItems.add(item);
            Sprite s = Sprite.of(source, item, rng.nextInt(smallest, largest + 1));
            float level = dimming(rng);
            int x = rng.nextInt(n - s.side() + 1);
            int y = rng.nextInt(n - s.side() + 1);
            for (int r = 0; r < s.side(); r++) {
                for (int c = 0; c < s.side(); c++) {
                    int p = (y + r) * n + x + c;
                    canvas[p] = Math.max(canvas[p], level * s.at(r, c));
                }
            }
        }
    }

    private float dimming(SplittableRandom rng) {
        return (float) (settings.backgroundContrast() * (MIN_DIMMING + (1 - MIN_DIMMING) * rng.nextDouble()));
    }
}
