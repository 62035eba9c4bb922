package io.hwnas.spark.report;

import java.util.Map;

/** Numbers out of CSV rows read as text: blank, missing or non-numeric cells are NaN, booleans 1/0. */
final class Cells {

    private Cells() {
    }

    static double number(Map<String, String> row, String column) {
        String text = row.get(column);
        if (text == null || text.isBlank()) {
            return Double.NaN;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return text.equalsIgnoreCase("true") ? 1 : 0;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String text(Map<String, String> row, String column) {
        String text = row.get(column);
        return text == null ? "" : text;
    }
}
