package io.hwnas.spark.report;

import io.hwnas.eval.ResultTable;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Human names with units for result columns ({@code fps_ethos_u55_128} → "FPS on ethos-u55-128
 * (frames/s, batch 1)") and compact tick labels (290k, 1.5M), so axes read without the column
 * reference at hand.
 */
final class ColumnLabels {
    private final List<String> devices;

    ColumnLabels(List<String> devices) {
        this.devices = List.copyOf(devices);
    }

    /** An axis title: what the column measures and its unit. */
    String axisTitle(String column) {
        for (String d : devices) {
            String suffix = ResultTable.deviceSuffix(d);
            if (column.equals("fps_" + suffix)) {
                return "FPS on " + d + " (frames/s, batch 1)";
            }
            if (column.equals("latency_ms_" + suffix)) {
                return "latency on " + d + " (ms, batch 1)";
            }
            if (column.equals("peak_memory_bytes_" + suffix)) {
                return "peak memory on " + d + " (bytes)";
            }
        }
        return switch (column) {
            case "accuracy" -> "validation accuracy (fraction correct)";
            case "loss" -> "validation loss (cross-entropy)";
            case "psnr" -> "PSNR (dB)";
            case "ssim" -> "SSIM";
            case "psnr_bicubic" -> "bicubic PSNR (dB)";
            case "map50" -> "validation mAP@0.5 (VOC all-point)";
            case "map50_95" -> "validation mAP@0.5:0.95 (COCO 101-point)";
            case "macs" -> "MACs per inference (deployed net)";
            case "training_macs" -> "MACs per inference (training-time net)";
            case "training_params" -> "trainable parameters (training-time net)";
            case "trainable_params" -> "trainable parameters (deployed net)";
            case "peak_activation_elements" -> "peak activations (elements)";
            default -> column;
        };
    }

    /** A short name for a chart title: "Accuracy", "PSNR"; the column itself when there is none. */
    static String name(String column) {
        return switch (column) {
            case "accuracy" -> "Accuracy";
            case "psnr" -> "PSNR";
            case "ssim" -> "SSIM";
            case "map50" -> "mAP@0.5";
            case "map50_95" -> "mAP@0.5:0.95";
            case "macs" -> "MACs";
            default -> column;
        };
    }

    /** What one objective contributes to the unit of a hypervolume ("" when unknown). */
    String unit(String column) {
        if (column.startsWith("fps_")) {
            return "FPS";
        }
        if (column.startsWith("latency_ms_")) {
            return "ms";
        }
        if (column.startsWith("peak_memory_bytes_")) {
            return "bytes";
        }
        return switch (column) {
            case "accuracy" -> "accuracy";
            case "psnr", "psnr_bicubic" -> "dB";
            case "ssim" -> "SSIM";
            case "map50", "map50_95" -> "mAP";
            case "macs", "training_macs" -> "MACs";
            case "trainable_params", "training_params" -> "params";
            default -> "";
        };
    }

    /**
     * Tick labels for an axis spanning {@code lo..hi}: one unit for every tick (k, M or G from the
     * largest magnitude) and as many decimals as the tick spacing needs, so neighbours never read
     * "9,500" and "10k".
     */
    static Function<Double, String> ticks(double lo, double hi) {
        double big = Math.max(Math.abs(lo), Math.abs(hi));
        double scale = big >= 1e9 ? 1e9 : big >= 1e6 ? 1e6 : big >= 1e4 ? 1e3 : 1;
        String suffix = scale == 1e9 ? "G" : scale == 1e6 ? "M" : scale == 1e3 ? "k" : "";
        double step = (hi - lo) / scale / 6;
        int decimals = step > 0 && Double.isFinite(step) ? (int) Math.max(0, Math.min(6, Math.ceil(-Math.log10(step)))) : 2;
        String pattern = "%," + "." + decimals + "f";
        // a zero tick reads "0", not "0k" or "0.00"
        return v -> Math.abs(v) < step * scale * 1e-6 ? "0" : String.format(Locale.ROOT, pattern, v / scale) + suffix;
    }

    /** A value in a table: up to 4 significant digits, grouped thousands. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1000 || (a == Math.rint(a) && a < 1e15)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

}
