package io.hwnas.spark.report;

import io.hwnas.spark.store.BuildInfo;

import java.util.List;

/**
 * {@code report/report.json}: which run the report shows, the per-layer device, when and by which
 * build it was written, its files, and what it could not show.
 */
public record ReportProvenance(int format, String sourceRun, String sourceRunId, String device, String generatedAt,
                               BuildInfo build, String javaVersion, List<String> files, List<String> notes) {

    /** Version of the report/ layout; bumped when files change incompatibly. */
    public static final int FORMAT = 1;

    public ReportProvenance {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }
}
