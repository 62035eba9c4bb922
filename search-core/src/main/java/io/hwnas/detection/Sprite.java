package io.hwnas.detection;

import io.hwnas.data.ImageDataset;
import io.hwnas.sr.Bicubic;
import io.hwnas.sr.LumaImage;

/**
 * A source item resized to {@code side}×{@code side} with antialiased bicubic filtering ({@link Bicubic}), stored
 * as 8-bit levels as a pasted image would be, so "non-zero" has one meaning: the item's pixels are those of level
 * 1/255 or more, and its box is their tight box.
 */
record Sprite(int side, float[] levels, int pixelCount, int left, int top, int right, int bottom) {

    static Sprite of(ImageDataset source, int item, int side) {
        int n = source.rows();
        byte[] bytes = source.image(item);
        float[] original = new float[n * n];
        for (int i = 0; i < original.length; i++) {
            original[i] = Byte.toUnsignedInt(bytes[i]) / 255f;
        }
        float[] levels = Bicubic.resize(new LumaImage(n, n, original), (double) side / n).quantized().pixels();
        int count = 0;
        int left = side;
        int top = side;
        int right = -1;
        int bottom = -1;
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                if (levels[r * side + c] > 0) {
                    count++;
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                }
            }
        }
        return new Sprite(side, levels, count, left, top, right, bottom);
    }

    boolean opaqueAt(int row, int col) {
        return levels[row * side + col] > 0;
    }

    float at(int row, int col) {
        return levels[row * side + col];
    }

    /** The tight box of the non-zero pixels when the sprite's top-left corner is at canvas column x, row y. */
    Box boxAt(int x, int y) {
        return new Box(x + left, y + top, x + right + 1.0, y + bottom + 1.0);
    }
}
