package io.hwnas.sr;

import java.io.Serializable;

/**
 * One high-resolution image with its low-resolution version (bicubic shrink, stored as 8-bit levels like a PNG
 * benchmark file) and that version bicubic-upscaled back, which is both the SRCNN-style network input and the
 * baseline every network must beat (clipped to [0, 1], as a network's output is before it is scored).
 */
public record SrImage(LumaImage highResolution, LumaImage lowResolution, LumaImage upscaled, int scale)
        implements Serializable {

    /** The three images of {@code image}, first cut to a multiple of {@code scale} as SR benchmarks do. */
    public static SrImage of(LumaImage image, int scale) {
        LumaImage hr = image.modCrop(scale);
        LumaImage lr = Bicubic.resize(hr, 1.0 / scale).quantized();
        // clipped like the network's output it is compared with (bicubic overshoots at edges)
        return new SrImage(hr, lr, ImageQuality.clipped(Bicubic.resize(lr, scale)), scale);
    }

    /** The network input under {@code input}. */
    public LumaImage input(SuperResolution.Input input) {
        return input == SuperResolution.Input.LOW_RESOLUTION ? lowResolution : upscaled;
    }

    /** The bicubic baseline's PSNR in dB, border of {@code scale} shaved. */
    public double bicubicPsnr() {
        return ImageQuality.psnr(upscaled, highResolution, scale);
    }
}
