package io.hwnas.spark.report;

import io.hwnas.hw.measure.HostMeasured;
import io.hwnas.pareto.Objective;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.store.BuildInfo;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.FrontDefinition;
import io.hwnas.spark.store.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Writes {@code <run>/report/}: {@code index.html} (self-contained), every plot as PNG and SVG, a detection run's
 * test canvases with boxes after the sweep and after train-front ({@link DetectionBoxes}) as PNG, and
 * {@code report.json}. The directory is written under {@code <run>/.report.inprogress} and renamed, so an earlier
 * report is replaced only once the new one is complete.
 * Works on any Hadoop file system: the charts are drawn in memory and written through it.
 */
public final class RunReport {
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
    public static final String DIRECTORY = "report";
    public static final String INDEX = "index.html";
    public static final String PROVENANCE_FILE = "report.json";

    /**
     * A published report.
     *
     * @param files the names written into the report directory, index.html first
     */
    public record Written(URI directory, URI index, String device, List<String> files, List<String> notes) {
    }

    private RunReport() {
    }

    /**
     * @param device the device of the per-layer breakdown; null for the run's first
     * @throws ConfigException when {@code runDir} is not a completed run or {@code device} is not one of its devices
     */
    public static Written write(String runDir, String device, Configuration hadoop) {
        Instant started = Instant.now();
        CompletedRun run = CompletedRun.open(runDir, hadoop);
        RunData data = RunData.read(run);
        SweepSetup setup = SweepSetup.resolve(data);
        String chosen = device(device, setup, data);
        List<String> notes = new ArrayList<>(setup.notes());
        ColumnLabels labels = new ColumnLabels(setup.devices());

        List<RenderedFigure> fronts = new ArrayList<>();
        for (ParetoPlot plot : plots(data, setup, notes)) {
            fronts.add(RenderedFigure.of(plot.figure(data, setup.constraints(), labels)));
        }
        RenderedFigure hypervolume = null;
        if (!data.hasHypervolume()) {
            notes.add("No hypervolume.csv: the run was written by an hwnas without per-batch hypervolume.");
        } else if (data.hypervolume().isEmpty()) {
            notes.add("hypervolume.csv has no batches.");
        } else if (setup.objectives().isEmpty()) {
            notes.add("The search objectives are unknown, so the hypervolume plot is left out.");
        } else {
            hypervolume = RenderedFigure.of(HypervolumeChart.figure(data, setup.objectives(), labels));
        }
        List<MemberCosts> members = MemberCosts.of(data, setup, chosen);
        if (chosen != null && setup.costModels().get(chosen) instanceof HostMeasured measured) {
            notes.add("Per-layer costs on '" + chosen + "' were measured again now, on this machine ("
                    + measured.runtime() + " inference), so they differ from the sweep's own measurement in results.csv.");
        }
        List<DetectionBoxes> boxes = DetectionBoxes.of(run, data, setup, hadoop, notes);
        BuildInfo build = BuildInfo.current();
        String html = new ReportPage(data, setup, chosen == null ? "–" : chosen, fronts, hypervolume, members, notes,
                started, build, boxes).html();

        RunDirectory dir = RunDirectory.create(run.path(), DIRECTORY, hadoop, true);
        List<String> files = new ArrayList<>(List.of(INDEX));
        try {
            dir.writeText(INDEX, html);
            List<RenderedFigure> all = new ArrayList<>(fronts);
            if (hypervolume != null) {
                all.add(hypervolume);
            }
            for (RenderedFigure f : all) {
                try (OutputStream out = dir.create(f.pngFile())) {
                    out.write(f.png());
                }
                dir.writeText(f.svgFile(), f.svg());
                files.add(f.pngFile());
                files.add(f.svgFile());
            }
            for (DetectionBoxes.Member m : boxes.stream().flatMap(b -> b.members().stream()).toList()) {
                try (OutputStream out = dir.create(m.pngFile())) {
                    out.write(m.png());
                }
                files.add(m.pngFile());
            }
            files.add(PROVENANCE_FILE);
            URI target = dir.publish(PROVENANCE_FILE, new ReportProvenance(ReportProvenance.FORMAT, data.location(),
                    data.runId(), chosen, started.toString(), build, System.getProperty("java.version"), files, notes));
            URI index = URI.create(target.toString().replaceAll("/?$", "/") + INDEX);
            LOG.info("report of {}: {} ({} plots, {} bytes of HTML, {} ms)", data.runId(), index, all.size(),
                    html.getBytes(StandardCharsets.UTF_8).length, Duration.between(started, Instant.now()).toMillis());
            return new Written(target, index, chosen, files, notes);
        } catch (IOException e) {
            dir.abort();
            throw new UncheckedIOException("cannot write the report of " + data.location() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            dir.abort();
            throw e;
        }
    }

    /** The device asked for, validated against the run's; else the run's first. */
    private static String device(String asked, SweepSetup setup, RunData data) {
        if (asked == null) {
            return setup.devices().isEmpty() ? null : setup.devices().get(0);
        }
        if (!setup.devices().contains(asked)) {
            throw new ConfigException("option '--device' = '" + asked + "' is not a device of run " + data.runId()
                    + " (its devices: " + (setup.devices().isEmpty() ? "none known" : String.join(", ", setup.devices())) + ")");
        }
        return asked;
    }

    /**
     * The task's quality (accuracy, PSNR) vs FPS per device and vs MACs where the run wrote those fronts, and the
     * search front when it has two objectives that are not already one of those plots.
     */
    static List<ParetoPlot> plots(RunData data, SweepSetup setup, List<String> notes) {
        List<ParetoPlot> plots = new ArrayList<>();
        String quality = setup.qualityColumn();
        String label = ColumnLabels.name(quality);
        List<FrontDefinition> standard = FrontDefinition.standard(setup.devices(), setup.task());
        for (FrontDefinition f : standard) {
            if (data.fronts().containsKey(f.name())) {
                List<Objective> o = f.objectives();
                String title = f.name().equals("macs") ? label + " vs MACs"
                        : f.name().startsWith("memory-") ? label + " vs peak memory on " + f.name().substring(7)
                        : label + " vs FPS on " + f.name();
                plots.add(new ParetoPlot(f.name(), title, o.get(0), o.get(1)));
            }
        }
        if (plots.isEmpty()) {
            notes.add("No " + quality + "-vs-FPS or " + quality + "-vs-MACs plots: no candidate has " + quality
                    + " measured (candidates were not trained, the table has no " + quality
                    + " column, or every candidate failed).");
        }
        List<Objective> objectives = setup.objectives();
        if (data.fronts().containsKey("search")) {
            if (objectives.size() == 2) {
                boolean shown = standard.stream().anyMatch(f -> data.fronts().containsKey(f.name())
                        && new HashSet<>(f.objectives()).equals(new HashSet<>(objectives)));
                if (!shown) {
                    plots.add(new ParetoPlot("search", "Search front", objectives.get(0), objectives.get(1)));
                }
            } else if (!objectives.isEmpty()) {
                notes.add("The search front has " + objectives.size() + " objectives: it is listed in the table, not plotted.");
            }
        }
        return plots;
    }
}
