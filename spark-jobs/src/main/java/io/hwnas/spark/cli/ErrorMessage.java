package io.hwnas.spark.cli;

import java.nio.file.FileSystemException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one line {@code hwnas} prints for a failed command when {@code --verbose} is off. Bad-input
 * exceptions already name the field and value; for other failures the top message is often a
 * wrapper ("cannot write X") whose cause says why, so the causes' messages are appended unless the
 * message already carries them. Line breaks (parser excerpts, multi-line library messages) are
 * collapsed so that scripts and users always get exactly one line.
 */
final class ErrorMessage {
    private static final Pattern STACK_LINE =
            Pattern.compile("\\s*(at \\S+\\(.*\\)|\\.\\.\\. \\d+ more|Driver stacktrace:)\\s*");

    private ErrorMessage() {
    }

    /** @param withCauses append the messages of the cause chain that the top message does not contain */
    static String oneLine(Throwable e, boolean withCauses) {
        StringBuilder text = new StringBuilder(describe(e));
        if (withCauses) {
            Set<Throwable> seen = new LinkedHashSet<>();
            seen.add(e);
            for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
                String m = describe(c);
                if (!text.toString().contains(collapse(m))) {
                    text.append(": ").append(m);
                }
            }
        }
        return collapse(text.toString());
    }

    /**
     * The message, or the exception's kind when it has none (a NullPointerException, say). File
     * system exceptions carry only the path as their message, so their kind is spelled out:
     * "no such file: /x".
     */
    static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        if (t instanceof FileSystemException f && f.getReason() == null) {
            return kind(t) + ": " + m;
        }
        return m;
    }

    /** NoSuchFileException → "no such file". */
    private static String kind(Throwable t) {
        String name = t.getClass().getSimpleName().replaceFirst("Exception$", "");
        return name.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * One line: stack frames embedded in a message (Spark's "Job aborted due to stage failure"
     * carries the executor's trace) are dropped, the remaining lines joined with a space.
     */
    static String collapse(String s) {
        return s.lines().filter(l -> !STACK_LINE.matcher(l).matches()).map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining(" "));
    }
}
