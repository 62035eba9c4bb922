package io.hwnas.spark.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import io.hwnas.pareto.Direction;
import io.hwnas.pareto.NoisyLead;
import io.hwnas.pareto.Objective;
import io.hwnas.spark.store.BuildInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: CSS inlined, every plot embedded as a PNG data URI
 * (the PNG and SVG files beside the page are only linked), nothing fetched. Its one inline script
 * records on {@code <html data-images-loaded="4/4">} how many images the browser decoded, for
 * checks with a headless browser's DOM dump.
 *
 * @param device the device of the per-layer breakdown
 * @param notes what the page cannot show and why
 * @param boxes a detection run's panels of test canvases with its members' boxes, the sweep's first; empty for others
 */
public record ReportPage(RunData run, SweepSetup setup, String device, List<RenderedFigure> fronts,
                         RenderedFigure hypervolume, List<MemberCosts> members, List<String> notes,
                         Instant generatedAt, BuildInfo build, List<DetectionBoxes> boxes) {

    private static final ObjectMapper JSON = Mappers.json();
    private static final String CSS = css();

    public ReportPage {
        fronts = List.copyOf(fronts);
        members = List.copyOf(members);
        notes = List.copyOf(notes);
        boxes = List.copyOf(boxes);
    }

    public String html() {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>hwnas report — ").append(esc(run.runId())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n<script>\nwindow.addEventListener('load', function () {\n"
                        + "  var images = Array.prototype.slice.call(document.images);\n"
                        + "  var decoded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;\n"
                        + "  document.documentElement.setAttribute('data-images-loaded', decoded + '/' + images.length);\n"
                        + "});\n</script>\n</head>\n<body>\n<main>\n");
        header(h);
        if (!notes.isEmpty()) {
            h.append("<div class=\"notes\" id=\"notes\"><b>Not shown</b><ul>\n");
            notes.forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
            h.append("</ul></div>\n");
        }
        frontPlots(h);
        boxes.forEach(b -> h.append(b.html()));
        searchQuality(h);
        nightlyDiff(h);
        frontTable(h);
        layers(h);
        provenance(h);
        h.append("<footer>Written by hwnas ").append(esc(build.hwnasVersion())).append(" (")
                .append(esc(shortCommit(build.gitCommit(), build.gitDirty()))).append(") at ")
                .append(esc(time(generatedAt.toString()))).append(" from ").append(esc(run.location()))
                .append(". Each plot is also beside this page as PNG and SVG. Regenerate with <code>hwnas report ")
                .append(esc(run.location())).append("</code>.</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private void header(StringBuilder h) {
        h.append("<header>\n<p class=\"kicker\">hwnas sweep report</p>\n<h1>").append(esc(run.runId())).append("</h1>\n");
        List<String> sub = new ArrayList<>();
        sub.add("config <b>" + esc(run.field("name")) + "</b>");
        sub.add("seed " + esc(run.field("seed")));
        if (setup.config() != null) {
            sub.add("strategy " + esc(setup.config().search().strategy().type()));
            sub.add("space <b>" + esc(setup.config().space().type()) + "</b> (" + esc(run.field("spaceSize")) + " points)");
        }
        sub.add("devices " + esc(String.join(", ", setup.devices())));
        sub.add("finished " + esc(time(run.field("finishedAt"))));
        h.append("<p class=\"sub\">").append(String.join(" · ", sub)).append("</p>\n");
        h.append("<nav><a href=\"#fronts\">Pareto fronts</a>").append(boxes.isEmpty() ? ""
                        : "<a href=\"#" + boxes.get(0).stage().id + "\">Detections</a>")
                .append("<a href=\"#quality\">Search quality</a>")
                .append("<a href=\"#front\">Front table</a><a href=\"#layers\">Per-layer costs</a>")
                .append("<a href=\"#provenance\">Provenance</a></nav>\n</header>\n");
        h.append("<section class=\"cards\">\n");
        card(h, run.field("counts.evaluations"), "evaluations", false);
        card(h, run.field("counts.ok"), "succeeded", false);
        String failed = run.field("counts.failed");
        card(h, failed, "failed", !failed.isEmpty() && !failed.equals("0"));
        card(h, String.valueOf(run.fronts().getOrDefault("search", List.of()).size()), "on the search front", false);
        String hv = run.field("finalHypervolume");
        card(h, hv.isEmpty() ? "–" : ColumnLabels.value(Double.parseDouble(hv)), "final hypervolume", false);
        card(h, duration(run.field("startedAt"), run.field("finishedAt")), "wall time", false);
        h.append("</section>\n");
    }

    private static void card(StringBuilder h, String value, String label, boolean bad) {
        h.append("<div class=\"card").append(bad ? " bad" : "").append("\"><span class=\"num\">")
                .append(esc(value.isEmpty() ? "–" : value)).append("</span><span class=\"lbl\">").append(esc(label))
                .append("</span></div>\n");
    }

    private void frontPlots(StringBuilder h) {
        h.append("<section id=\"fronts\">\n<h2>Pareto fronts</h2>\n");
        if (fronts.isEmpty()) {
            h.append("<p class=\"lead missing\">No front to plot (see above).</p>\n");
        } else {
            h.append("<p class=\"lead\">Grey: successful evaluations (orange diamonds: outside a search constraint). "
                    + "Blue: the front, labelled with candidate ids and joined by the boundary of the region it dominates. "
                    + "Dashed red: search constraints on an axis. Where accuracy has standard errors: bars of ±1 SE, and "
                    + "rings for front members not significantly better than a neighbour (see the front table).</p>\n");
            h.append("<div class=\"figures\">\n");
            fronts.forEach(f -> figure(h, f));
            h.append("</div>\n");
        }
        h.append("</section>\n");
    }

    private void searchQuality(StringBuilder h) {
        h.append("<section id=\"quality\">\n<h2>Search quality</h2>\n");
        if (hypervolume == null) {
            h.append("<p class=\"lead missing\">No hypervolume plot (see above).</p>\n");
        } else {
            h.append("<div class=\"figures\">\n");
            figure(h, hypervolume);
            h.append("<div class=\"batches\"><div class=\"scroll\"><table class=\"wide\" id=\"batches\">\n<thead><tr><th class=\"n\">batch</th>"
                    + "<th class=\"n\">evaluations</th><th class=\"n\">new</th><th class=\"n\">failed</th>"
                    + "<th class=\"n\">front size</th><th class=\"n\">hypervolume</th><th class=\"n\">elapsed s</th>"
                    + "</tr></thead>\n<tbody>\n");
            for (Map<String, String> b : run.hypervolume()) {
                h.append("<tr>");
                for (String c : List.of("batch", "evaluations", "new_evaluations", "failed", "front_size", "hypervolume",
                        "elapsed_seconds")) {
                    double v = Cells.number(b, c);
                    h.append("<td class=\"n\">").append(esc(c.equals("elapsed_seconds") && !Double.isNaN(v)
                            ? String.format(Locale.ROOT, "%,.1f", v) : ColumnLabels.value(v))).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table></div>\n<p class=\"lead\">hypervolume.csv: one row per batch of proposals the strategy "
                    + "made; <i>new</i> counts evaluations not answered from the archive.</p></div>\n</div>\n");
        }
        h.append("</section>\n");
    }

    private static void figure(StringBuilder h, RenderedFigure f) {
        int w = f.figure().chart().getWidth();
        int ht = f.figure().chart().getHeight();
        h.append("<figure id=\"plot-").append(esc(f.figure().name())).append("\">\n<img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(f.png())).append("\" width=\"").append(w).append("\" height=\"")
                .append(ht).append("\" alt=\"").append(esc(f.figure().title())).append("\">\n<figcaption>")
                .append(esc(f.figure().caption())).append("<span class=\"files\"><a href=\"").append(esc(f.pngFile()))
                .append("\">PNG</a> · <a href=\"").append(esc(f.svgFile())).append("\">SVG</a></span></figcaption>\n</figure>\n");
    }

    /** The search front joined with results.csv: objectives first, then size and every device's speed. */
    private void nightlyDiff(StringBuilder h) {
        if (run.nightlyDiff() != null) {
            h.append("<section id=\"diff\">\n<h2>Against the previous night</h2>\n<p class=\"lead\">diff.txt: the search "
                    + "front's points added, dropped and kept, and both fronts' hypervolumes.</p>\n<pre id=\"nightly-diff\">")
                    .append(esc(run.nightlyDiff())).append("</pre>\n</section>\n");
        }
    }

    private void frontTable(StringBuilder h) {
        List<Map<String, String>> front = run.fronts().getOrDefault("search", List.of());
        h.append("<section id=\"front\">\n<h2>The search front</h2>\n");
        if (!run.fronts().containsKey("search")) {
            h.append("<p class=\"lead missing\">This run has no pareto-search.csv.</p>\n</section>\n");
            return;
        }
        FrontNoise noise = FrontNoise.of(run, front, setup.objectives(), setup.constraints());
        h.append("<p class=\"lead\">pareto-search.csv: ").append(front.size()).append(front.size() == 1 ? " candidate" : " candidates")
                .append(", feasible and non-dominated under ").append(esc(objectiveList())).append(constraintText())
                .append(". Highlighted columns are the objectives.");
        if (noise.noisy() != null) {
            h.append(" ").append(esc(noise.noisy())).append(" ± its standard error; <i>within noise of #N</i>: the member "
                    + "is not significantly better than evaluation #N, which is at least as good on every other objective "
                    + "(lead &lt; ").append(NoisyLead.Z).append("·√(se₁² + se₂²)), so the data do not show that what it "
                    + "pays for its place buys anything (").append(noise.neighbours().size()).append(" of ")
                    .append(front.size()).append(").");
        }
        h.append("</p>\n");
        if (front.isEmpty()) {
            h.append("<p class=\"missing\">The front is empty: no candidate succeeded with every objective measured"
                    + " inside the constraints.</p>\n</section>\n");
            return;
        }
        List<String> single = new ArrayList<>();
        for (String c : List.of("accuracy", "macs", "trainable_params")) {
            // a column nobody on the front has (accuracy of a cost-only sweep) would be a column of dashes
            if (front.stream().anyMatch(f -> !Double.isNaN(Cells.number(run.resultOf(f), c)))) {
                single.add(c);
            }
        }
        for (Objective o : setup.objectives()) {
            if (!single.contains(o.name()) && !isDeviceSpeed(o.name())) {
                single.add(o.name());
            }
        }
        h.append("<table class=\"wide\" id=\"front-table\">\n<thead>\n<tr><th rowspan=\"2\">candidate</th>"
                + "<th rowspan=\"2\">choices</th>");
        for (String c : single) {
            h.append("<th rowspan=\"2\" class=\"n").append(objectiveClass(c)).append("\">").append(esc(shortName(c)))
                    .append(direction(c)).append("</th>");
        }
        for (String d : setup.devices()) {
            h.append("<th colspan=\"2\" class=\"group\">").append(esc(d)).append("</th>");
        }
        if (noise.noisy() != null) {
            h.append("<th rowspan=\"2\">lead</th>");
        }
        h.append("</tr>\n<tr>");
        for (String d : setup.devices()) {
            String lat = SweepSetup.column("latency_ms_", d);
            String fps = SweepSetup.column("fps_", d);
            h.append("<th class=\"n").append(objectiveClass(lat)).append("\">ms").append(direction(lat)).append("</th>")
                    .append("<th class=\"n").append(objectiveClass(fps)).append("\">FPS").append(direction(fps)).append("</th>");
        }
        h.append("</tr>\n</thead>\n<tbody>\n");
        for (Map<String, String> f : front) {
            Map<String, String> r = run.resultOf(f);
            h.append("<tr data-candidate=\"").append(esc(Cells.text(f, "candidate_id"))).append("\"")
                    .append(noise.insignificant(f) ? " class=\"within-noise\"" : "").append("><td class=\"id\">#")
                    .append(esc(Cells.text(f, "candidate_id"))).append("</td><td>").append(chips(Cells.text(f, "choices")))
                    .append("</td>");
            for (String c : single) {
                double se = c.equals(noise.noisy()) ? Cells.number(r, c + FrontNoise.SE_SUFFIX) : Double.NaN;
                h.append("<td class=\"n").append(objectiveClass(c)).append("\">")
                        .append(esc(ColumnLabels.value(Cells.number(r.containsKey(c) ? r : f, c))))
                        .append(Double.isNaN(se) ? "" : " <span class=\"se\">± " + esc(ColumnLabels.value(se)) + "</span>")
                        .append("</td>");
            }
            for (String d : setup.devices()) {
                cell(h, SweepSetup.column("latency_ms_", d), Cells.number(r, SweepSetup.column("latency_ms_", d)));
                cell(h, SweepSetup.column("fps_", d), Cells.number(r, SweepSetup.column("fps_", d)));
            }
            if (noise.noisy() != null) {
                String neighbour = noise.neighbours().get(Cells.text(f, "candidate_id"));
                h.append("<td class=\"lead-cell\">").append(neighbour == null ? "significant"
                        : "○ within noise of #" + esc(neighbour)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private void cell(StringBuilder h, String column, double value) {
        h.append("<td class=\"n").append(objectiveClass(column)).append("\">").append(esc(ColumnLabels.value(value)))
                .append("</td>");
    }

    private void layers(StringBuilder h) {
        h.append("<section id=\"layers\">\n<h2>Per-layer costs on ").append(esc(device)).append("</h2>\n");
        h.append("<p class=\"lead\">Each search-front member's deployed network (the form the sweep costed), estimated "
                + "node by node by the ").append(esc(device)).append(" cost model at batch 1. Other devices: "
                + "<code>hwnas report RUN_DIR --device ID</code>.</p>\n");
        if (members.isEmpty()) {
            h.append("<p class=\"missing\">No front members.</p>\n");
        }
        for (MemberCosts m : members) {
            h.append("<details class=\"member\" open id=\"layers-").append(esc(m.candidateId())).append("\">\n<summary><h3>#")
                    .append(esc(m.candidateId())).append("</h3> ").append(chips(Cells.text(m.frontRow(), "choices")))
                    .append("</summary>\n");
            if (m.estimate() == null) {
                h.append("<p class=\"missing\">").append(esc(m.missing())).append("</p>\n</details>\n");
                continue;
            }
            CostReport r = m.estimate();
            double layerSum = r.layers().stream().mapToDouble(LayerCost::latencySeconds).sum();
            double max = r.layers().stream().mapToDouble(LayerCost::latencySeconds).max().orElse(0);
            h.append("<p class=\"totals\">").append(r.layers().size()).append(" nodes · total ")
                    .append(String.format(Locale.ROOT, "%.4f", r.latencyMs())).append(" ms (")
                    .append(String.format(Locale.ROOT, "%,.0f", r.fps())).append(" FPS), of which layers ")
                    .append(String.format(Locale.ROOT, "%.4f", layerSum * 1e3)).append(" ms and per-inference overhead ")
                    .append(String.format(Locale.ROOT, "%.4f", (r.latencySeconds() - layerSum) * 1e3)).append(" ms")
                    .append(" · results.csv: ").append(esc(ColumnLabels.value(m.recordedLatencyMs()))).append(" ms")
                    .append(" · peak memory ").append(String.format(Locale.ROOT, "%,d", r.peakMemoryBytes()))
                    .append(" bytes").append(r.fitsOnChip() ? " (fits on chip)" : " (<b>does not fit on chip</b>)")
                    .append("</p>\n");
            h.append("<table class=\"wide layers\">\n<thead><tr><th>node</th><th>op</th><th class=\"n\">latency µs</th>"
                    + "<th colspan=\"2\">share of the layers' latency</th><th class=\"n\">compute µs</th>"
                    + "<th class=\"n\">memory µs</th><th class=\"n\" title=\"latency beyond max(compute, memory): "
                    + "fixed per-layer cost, fallback transfers\">overhead µs</th><th>bound</th></tr></thead>\n<tbody>\n");
            for (LayerCost c : r.layers()) {
                double share = layerSum > 0 ? c.latencySeconds() / layerSum : 0;
                double width = max > 0 ? 100 * c.latencySeconds() / max : 0;
                double overhead = Math.max(0, c.latencySeconds() - Math.max(c.computeSeconds(), c.memorySeconds()));
                h.append("<tr><td>").append(esc(c.nodeId())).append("</td><td>").append(esc(c.op())).append("</td><td class=\"n\">")
                        .append(micros(c.latencySeconds())).append("</td><td class=\"n share\">")
                        .append(String.format(Locale.ROOT, "%.1f%%", share * 100)).append("</td><td><div class=\"bar\">")
                        .append("<span style=\"width:").append(String.format(Locale.ROOT, "%.1f", width))
                        .append("%\"></span></div></td><td class=\"n\">").append(micros(c.computeSeconds()))
                        .append("</td><td class=\"n\">").append(micros(c.memorySeconds())).append("</td><td class=\"n\">")
                        .append(micros(overhead)).append("</td><td><span class=\"bound ").append(boundClass(c.bound()))
                        .append("\">").append(esc(c.bound())).append("</span></td></tr>\n");
            }
            h.append("<tr class=\"total\"><td colspan=\"2\">sum of layers</td><td class=\"n\">").append(micros(layerSum))
                    .append("</td><td class=\"n share\">100%</td><td colspan=\"5\"></td></tr>\n</tbody>\n</table>\n</details>\n");
        }
        h.append("</section>\n");
    }

    private void provenance(StringBuilder h) {
        h.append("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table class=\"kv\">\n");
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("run id", run.field("runId"));
        kv.put("run directory", run.location());
        kv.put("config name", run.field("name"));
        kv.put("config source", run.field("configSource"));
        kv.put("seed", run.field("seed"));
        kv.put("git commit", run.field("build.gitCommit") + (run.field("build.gitDirty").equals("true") ? " (uncommitted changes)" : ""));
        kv.put("versions", "hwnas " + run.field("build.hwnasVersion") + " · Spark " + run.field("build.sparkVersion")
                + " (Scala " + run.field("build.scalaVersion") + ") · DL4J " + run.field("build.dl4jVersion")
                + " · Java " + run.field("javaVersion"));
        kv.put("host", run.field("host"));
        kv.put("Spark master", run.field("sparkMaster"));
        kv.put("Spark application", run.field("sparkAppId"));
        kv.put("started", time(run.field("startedAt")));
        kv.put("finished", time(run.field("finishedAt")) + " (" + duration(run.field("startedAt"), run.field("finishedAt")) + ")");
        kv.put("space size", run.field("spaceSize"));
        kv.put("devices", String.join(", ", setup.devices()));
        kv.put("objectives", objectiveList());
        kv.put("constraints", setup.constraints().isEmpty() ? "none"
                : String.join("; ", setup.constraints().stream().map(ParetoPlot::describe).toList()));
        kv.put("counts", counts());
        kv.put("hypervolume reference", run.field("hypervolumeReference"));
        kv.put("final hypervolume", run.field("finalHypervolume"));
        kv.put("report", "per-layer device " + device + "; written " + time(generatedAt.toString()) + " by hwnas " + build.hwnasVersion()
                + " (" + shortCommit(build.gitCommit(), build.gitDirty()) + ")");
        kv.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v.isEmpty() ? "–" : v))
                .append("</td></tr>\n"));
        h.append("</table>\n<h3 style=\"margin-top:18px\">Config (as the run read it)</h3>\n<pre id=\"config\">")
                .append(esc(run.field("configText"))).append("</pre>\n</section>\n");
    }

    private String counts() {
        JsonNode counts = run.provenance().get("counts");
        if (counts == null || !counts.isObject()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = counts.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey().replace('_', ' ') + " " + e.getValue().asText());
        }
        return String.join(" · ", parts);
    }

    private String objectiveList() {
        if (setup.objectives().isEmpty()) {
            return "(objectives unknown)";
        }
        return String.join(", ", setup.objectives().stream()
                .map(o -> (o.direction() == Direction.MAXIMIZE ? "max " : "min ") + o.name()).toList());
    }

    private String constraintText() {
        return setup.constraints().isEmpty() ? "" : " subject to "
                + esc(String.join("; ", setup.constraints().stream().map(ParetoPlot::describe).toList()));
    }

    private String objectiveClass(String column) {
        return setup.objectives().stream().anyMatch(o -> o.name().equals(column)) ? " objective" : "";
    }

    private String direction(String column) {
        return setup.objectives().stream().filter(o -> o.name().equals(column)).findFirst()
                .map(o -> " <span class=\"dir\">" + (o.direction() == Direction.MAXIMIZE ? "▲ max" : "▼ min") + "</span>")
                .orElse("");
    }

    private boolean isDeviceSpeed(String column) {
        return setup.devices().stream().anyMatch(d -> column.equals(SweepSetup.column("latency_ms_", d))
                || column.equals(SweepSetup.column("fps_", d)));
    }

    private static String shortName(String column) {
        return switch (column) {
            case "trainable_params" -> "params";
            case "macs" -> "MACs";
            default -> column;
        };
    }

    /** Choices {@code {"act.s0.c0":"relu"}} as one chip per dimension, in the order written. */
    private static String chips(String choicesJson) {
        Map<String, String> choices;
        try {
            choices = JSON.readValue(choicesJson, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException | IllegalArgumentException e) {
            return esc(choicesJson);
        }
        StringBuilder s = new StringBuilder();
        choices.forEach((k, v) -> s.append("<span class=\"chip\"><span class=\"k\">").append(esc(k)).append("</span> ")
                .append(esc(v)).append("</span>"));
        return s.toString();
    }

    private static String boundClass(String bound) {
        return switch (bound) {
            case "compute", "memory", "fused" -> bound;
            default -> "other";
        };
    }

    private static String micros(double seconds) {
        return String.format(Locale.ROOT, "%,.2f", seconds * 1e6);
    }

    private static String duration(String start, String end) {
        try {
            Duration d = Duration.between(Instant.parse(start), Instant.parse(end));
            long s = d.toSeconds();
            return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60)
                    : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
        } catch (DateTimeParseException | NullPointerException e) {
            return "";
        }
    }

    /** An ISO instant to the second, in UTC ("2026-11-23 18:58:37 UTC"); other text as it is. */
    private static String time(String iso) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String shortCommit(String commit, boolean dirty) {
        String c = commit == null ? "unknown" : commit.length() > 12 ? commit.substring(0, 12) : commit;
        return "commit " + c + (dirty ? "-dirty" : "");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String css() {
        try (InputStream in = ReportPage.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the hwnas jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report.css", e);
        }
    }
}
