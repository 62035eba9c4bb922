package io.hwnas.spark.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code --format} option of the commands whose output programs read: text for people (the default), JSON or
 * CSV. A command builds its rows once and hands them here with its text layout, so the three renderings come from
 * the same values.
 */
final class FormatOption {

    enum Format { text, json, csv }

    /** How a command lays out its rows for people. */
    @FunctionalInterface
    interface TextLayout<R> {
        void print(PrintWriter out, List<R> rows);
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people), json (an array of one object per row) or csv (a header row, then one "
                    + "line per row); default: ${DEFAULT-VALUE}")
    Format format;

    /** Prints {@code rows} in the chosen format; {@code type} must be an {@link OutputRow}. */
    <R extends Record> void print(PrintWriter out, Class<R> type, List<R> rows, TextLayout<R> text) {
        switch (format) {
            case text -> text.print(out, rows);
            case json -> out.println(Rows.json(type, rows));
            case csv -> out.print(Rows.csv(type, rows));
        }
        out.flush();
    }
}
