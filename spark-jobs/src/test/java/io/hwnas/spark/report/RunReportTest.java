package io.hwnas.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import io.hwnas.data.FashionMnist;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.io.Mappers;
import io.hwnas.io.StrictYaml;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.Csv;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report of one real sweep (6 candidates of the small CNN space, 2 devices, a search for accuracy
 * against Ethos-U55 latency under a latency constraint, 2 batches): written by the sweep itself, its
 * plots as files and embedded, the front table, the per-layer costs against the cost models, the
 * constraint lines, the standard errors (each candidate trained with 2 seeds) as error bars and the front
 * members whose lead is within the noise, and regeneration with another device.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunReportTest {
    private static final String ETHOS = "ethos-u55-128";
    private static final String LATENCY = "latency_ms_ethos_u55_128";

    @TempDir
    static Path tmp;
    static Path run;
    static Path report;
    static String html;
    /** The latency constraint: the median over the space's deployed nets, so some candidates fall outside. */
    static double bound;

    static String config(Path output, double maxLatencyMs) {
        String search = """
                search:
                  evaluations: 6
                  strategy: {type: random, batchSize: 3}
                  objectives: [{maximize: accuracy}, {minimize: %s}]
                  constraints: [{metric: %s, max: %s}]
                """.formatted(LATENCY, LATENCY, maxLatencyMs);
        return SmallSweeps.config("report", 5, 6, """
                data: {trainSamples: 256, validationSamples: 256}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003, repeats: 2}
                devices: [host-cpu, %s]
                output: %s
                """.formatted(ETHOS, output)).replace("candidates: 6\n", search);
    }

    @BeforeAll
    static void sweep() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        SearchSpace space = StrictYaml.read(config(tmp, 1), SweepConfig.class, "test").space();
        CostModel ethos = CostModels.resolve(ETHOS);
        List<Double> latencies = new ArrayList<>();
        for (Iterator<Choice> it = space.enumerate(); it.hasNext(); ) {
            latencies.add(ethos.estimate(space.deploy(it.next()).architecture()).latencyMs());
        }
        latencies.sort(null);
        bound = Double.parseDouble(String.format(Locale.ROOT, "%.4f", latencies.get(latencies.size() / 2)));
        Path cfg = tmp.resolve("sweep.yaml");
        Files.writeString(cfg, config(tmp.resolve("runs"), bound));
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", cfg.toString()));
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            run = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        report = run.resolve(RunReport.DIRECTORY);
        html = Files.readString(report.resolve(RunReport.INDEX));
    }

    @Test
    @Order(1)
    void theSweepPublishesItsReport() throws Exception {
        assertTrue(Files.isRegularFile(report.resolve(RunReport.INDEX)), "written by the sweep, not by a command");
        assertFalse(Files.exists(run.resolve(".report.inprogress")), "no staging directory left behind");
        JsonNode provenance = Mappers.json().readTree(report.resolve(RunReport.PROVENANCE_FILE).toFile());
        assertEquals(run.getFileName().toString(), provenance.get("sourceRunId").asText());
        assertEquals("host-cpu", provenance.get("device").asText(), "the run's first device by default");
        List<String> listed = new ArrayList<>();
        provenance.get("files").forEach(f -> listed.add(f.asText()));
        try (Stream<Path> s = Files.list(report)) {
            List<String> present = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
            assertEquals(present, listed.stream().sorted().toList());
        }
        assertTrue(html.contains(run.getFileName().toString()) && html.contains("local[2]") && html.contains("git commit"),
                "provenance on the page");
        assertTrue(html.contains("constraints: [{metric: " + LATENCY), "the config text on the page");
    }

    @Test
    @Order(2)
    void everyPlotIsAPngAndAnSvgBesideThePageAndEmbeddedInIt() throws Exception {
        List<String> expected = List.of("pareto-host-cpu", "pareto-" + ETHOS, "pareto-macs", "pareto-search", "hypervolume");
        Matcher figures = Pattern.compile("<figure id=\"plot-([^\"]+)\">\\s*<img src=\"data:image/png;base64,([^\"]+)\"")
                .matcher(html);
        List<String> names = new ArrayList<>();
        while (figures.find()) {
            String name = figures.group(1);
            names.add(name);
            byte[] png = Files.readAllBytes(report.resolve(name + ".png"));
            assertArrayEquals(png, Base64.getDecoder().decode(figures.group(2)), name + ": the embedded image is the file");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, name + ".png decodes");
            assertEquals(ChartStyle.WIDTH * ChartImages.SCALE, image.getWidth(), name);
            assertEquals(ChartStyle.HEIGHT * ChartImages.SCALE, image.getHeight(), name);
            assertEquals("svg", svg(report.resolve(name + ".svg")).getDocumentElement().getNodeName(), name);
        }
        assertEquals(expected, names, "one plot per device, MACs, the search front (accuracy vs latency) and hypervolume");

        // self-contained: every src and href is embedded, an anchor, or a file of the report itself
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        int count = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            count++;
            assertTrue(ref.startsWith("data:image/png;base64,") || ref.startsWith("#")
                    || (ref.matches("[a-z0-9_.-]+\\.(png|svg)") && Files.isRegularFile(report.resolve(ref))), ref);
        }
        assertTrue(count >= 3 * expected.size(), "images and their PNG/SVG links");
        assertFalse(html.contains("<link") || html.contains("@import") || html.contains("url("), "no external styles");
    }

    @Test
    @Order(3)
    void theFrontTableListsThePointsOfParetoSearchCsv() throws Exception {
        List<Map<String, String>> front = Csv.read(Files.readString(run.resolve("pareto-search.csv")));
        assertFalse(front.isEmpty(), "the fixture's constraint leaves a front");
        String table = between(html, "<table class=\"wide\" id=\"front-table\">", "</table>");
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("data-candidate=\"(\\d+)\"").matcher(table);
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(front.stream().map(r -> r.get("candidate_id")).toList(), ids);
        for (Map<String, String> r : front) {
            assertTrue(Double.parseDouble(r.get(LATENCY)) <= bound, "front members satisfy the constraint: " + r);
        }
    }

    @Test
    @Order(4)
    void perLayerCostsAreTheDeviceModelsEstimatesOfTheDeployedNets() throws Exception {
        assertLayersMatch(html, "host-cpu", "latency_ms_host_cpu");
    }

    @Test
    @Order(5)
    void constraintLinesAreDrawnWhereTheConstrainedColumnIsAnAxis() throws Exception {
        CompletedRun completed = CompletedRun.open(run.toString(), new Configuration());
        RunData data = RunData.read(completed);
        SweepSetup setup = SweepSetup.resolve(data);
        ColumnLabels labels = new ColumnLabels(setup.devices());
        List<String> notes = new ArrayList<>();
        List<ParetoPlot> plots = RunReport.plots(data, setup, notes);
        assertEquals(List.of("host-cpu", ETHOS, "macs", "search"), plots.stream().map(ParetoPlot::front).toList());
        long outside = ok(completed).stream().filter(r -> Double.parseDouble(r.get(LATENCY)) > bound).count();
        assertTrue(outside > 0 && outside < ok(completed).size(), "the fixture has candidates on both sides: " + outside);
        for (ParetoPlot plot : plots) {
            Figure f = plot.figure(data, setup.constraints(), labels);
            List<String> constraints = f.seriesNames().stream().filter(n -> n.startsWith("constraint ")).toList();
            switch (plot.front()) {
                case "search" -> {
                    // latency is the x axis: a vertical line at the bound
                    assertEquals(1, constraints.size(), f.seriesNames().toString());
                    XYSeries line = f.chart().getSeriesMap().get(constraints.get(0));
                    assertArrayEquals(new double[] {bound, bound}, line.getXData(), 1e-12);
                }
                case ETHOS -> {
                    // FPS axis: the latency bound converted, FPS >= 1000 / bound
                    assertEquals(1, constraints.size(), f.seriesNames().toString());
                    assertTrue(constraints.get(0).contains("FPS ≥"), constraints.get(0));
                    XYSeries line = f.chart().getSeriesMap().get(constraints.get(0));
                    assertArrayEquals(new double[] {1000 / bound, 1000 / bound}, line.getXData(), 1e-9);
                }
                default -> assertEquals(List.of(), constraints, plot.front() + ": the constraint is on no axis here");
            }
            boolean marked = f.seriesNames().contains("outside a constraint (" + outside + ")");
            assertEquals(outside > 0, marked, plot.front() + ": " + f.seriesNames());
            assertTrue(f.seriesNames().stream().anyMatch(n -> n.startsWith("Pareto front")), f.seriesNames().toString());
        }
    }

    @Test
    @Order(6)
    void theCommandRegeneratesItForAnotherDeviceAndReplacesTheOldOne() throws Exception {
        Files.writeString(report.resolve("stale.txt"), "from an earlier report");
        assertEquals(0, HwnasCli.execute("report", run.toString(), "--device", ETHOS));
        assertFalse(Files.exists(report.resolve("stale.txt")), "the old report directory was replaced as a whole");
        String ethos = Files.readString(report.resolve(RunReport.INDEX));
        assertTrue(ethos.contains("<h2>Per-layer costs on " + ETHOS + "</h2>"));
        assertLayersMatch(ethos, ETHOS, LATENCY);
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("report", run.toString(), "--device", "cortex-m7"));
        assertEquals(ethos, Files.readString(report.resolve(RunReport.INDEX)), "a refused report leaves the old one");
    }

    @Test
    @Order(7)
    void accuracyCarriesItsStandardErrorAsBarsAndFrontMembersWithinTheNoiseAreRings() throws Exception {
        CompletedRun completed = CompletedRun.open(run.toString(), new Configuration());
        RunData data = RunData.read(completed);
        SweepSetup setup = SweepSetup.resolve(data);
        for (Map<String, String> r : ok(completed)) {
            double p = Double.parseDouble(r.get("accuracy"));
            double se = Double.parseDouble(r.get("accuracy_se"));
            // two seeds: the binomial error of 256 images plus the seeds' spread, never less than the binomial alone
            assertTrue(se >= Math.sqrt(p * (1 - p) / 256) - 1e-12 && se < 0.2, r.toString());
            assertEquals("512", r.get("train_samples"), "two trainings of 256 images each");
        }
        int judged = 0;
        for (ParetoPlot plot : RunReport.plots(data, setup, new ArrayList<>())) {
            Figure f = plot.figure(data, setup.constraints(), new ColumnLabels(setup.devices()));
            List<Map<String, String>> front = data.fronts().get(plot.front());
            List<Map<String, String>> candidates = plot.front().equals("search")
                    ? ok(completed).stream().filter(r -> Double.parseDouble(r.get(LATENCY)) <= bound).toList() : ok(completed);
            long rings = front.stream().filter(m -> withinNoise(m, candidates, plot.x())).count();
            String ringSeries = "Pareto front, lead within noise (" + rings + ")";
            assertEquals(rings > 0, f.seriesNames().contains(ringSeries), plot.front() + ": " + f.seriesNames());
            assertEquals(rings < front.size(), f.seriesNames().contains("Pareto front (" + (front.size() - rings) + ")"),
                    plot.front() + ": " + f.seriesNames());
            if (rings > 0) {
                assertTrue(f.chart().getSeriesMap().get(ringSeries).getMarker() instanceof HollowCircle);
            }
            // every point's bar is its accuracy_se
            for (XYSeries s : f.chart().getSeriesMap().values()) {
                if (s.getName().startsWith("Pareto front") || s.getName().startsWith("within") || s.getName().startsWith("evaluations")) {
                    assertNotNull(s.getExtraValues(), s.getName() + ": error bars");
                    for (int i = 0; i < s.getYData().length; i++) {
                        double y = s.getYData()[i];
                        double bar = s.getExtraValues()[i];
                        assertTrue(ok(completed).stream().anyMatch(r -> Double.parseDouble(r.get("accuracy")) == y
                                && Math.abs(Double.parseDouble(r.get("accuracy_se")) - bar) < 1e-15), s.getName() + " " + y);
                    }
                }
            }
            assertTrue(f.caption().contains("Bars: ±1 standard error of accuracy. Rings: " + rings + " front member"),
                    f.caption());
            judged += front.size();
        }
        assertTrue(judged > 0);

        // the front table: accuracy ± its error, and the members within the noise marked
        String table = between(html, "<table class=\"wide\" id=\"front-table\">", "</table>");
        List<Map<String, String>> feasible = ok(completed).stream().filter(r -> Double.parseDouble(r.get(LATENCY)) <= bound).toList();
        for (Map<String, String> m : data.fronts().get("search")) {
            String row = between(table, "<tr data-candidate=\"" + m.get("candidate_id") + "\"", "</tr>");
            assertTrue(row.contains("<span class=\"se\">± "), row);
            boolean marked = withinNoise(m, feasible, setup.objectives().get(1));
            assertEquals(marked, row.contains("class=\"within-noise\"") && row.contains("○ within noise of #"), row);
            assertEquals(!marked, row.contains(">significant</td>"), row);
        }
    }

    @Test
    @Order(8)
    void aRunWrittenBeforeStandardErrorsStillHasItsReport() throws Exception {
        Path old = tmp.resolve("old-run");
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : files.toList()) {
                Path target = old.resolve(run.relativize(p).toString());
                if (p.getFileName().toString().endsWith(".crc")) {
                    continue;   // Hadoop's checksums of the files rewritten below would no longer match
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.getFileName().toString().endsWith(".csv")) {
                    List<Map<String, String>> rows = Csv.read(Files.readString(p));
                    List<String> columns = rows.isEmpty() ? List.of()
                            : rows.get(0).keySet().stream().filter(c -> !c.equals("accuracy_se")).toList();
                    Files.writeString(target, Csv.write(columns, rows.stream().map(r -> Map.<String, Object>copyOf(r)).toList()));
                } else {
                    Files.copy(p, target);
                }
            }
        }
        assertFalse(Files.readString(old.resolve("results.csv")).contains("accuracy_se"));
        assertEquals(0, HwnasCli.execute("report", old.toString()));
        String page = Files.readString(old.resolve(RunReport.DIRECTORY).resolve(RunReport.INDEX));
        assertFalse(page.contains("within noise") || page.contains("class=\"se\""), "nothing to judge without errors");
        assertTrue(page.contains("id=\"front-table\""));
    }

    /** The definition, independently: some other candidate at least as good on {@code other} within 1.96 combined SEs. */
    private static boolean withinNoise(Map<String, String> member, List<Map<String, String>> candidates,
                                       io.hwnas.pareto.Objective other) {
        Map<String, String> m = candidates.stream().filter(r -> r.get("candidate_id").equals(member.get("candidate_id")))
                .findFirst().orElseThrow();
        double acc = Double.parseDouble(m.get("accuracy"));
        double se = Double.parseDouble(m.get("accuracy_se"));
        double cost = Double.parseDouble(m.get(other.name()));
        boolean maximize = other.direction() == io.hwnas.pareto.Direction.MAXIMIZE;
        for (Map<String, String> r : candidates) {
            if (r == m) {
                continue;
            }
            double a = Double.parseDouble(r.get("accuracy"));
            double s = Double.parseDouble(r.get("accuracy_se"));
            double c = Double.parseDouble(r.get(other.name()));
            if ((maximize ? c >= cost : c <= cost) && acc - a >= 0 && acc - a < 1.96 * Math.sqrt(se * se + s * s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each front member's layer table has one row per layer of the device model's estimate of its
     * deployed net, in order, with the same latencies, and the total the sweep recorded.
     */
    /** The successful rows of results.csv, read here independently of the report's own reading. */
    private static List<Map<String, String>> ok(CompletedRun completed) {
        return Csv.read(completed.text("results.csv").orElseThrow()).stream()
                .filter(r -> "ok".equals(r.get("status"))).toList();
    }

    private static void assertLayersMatch(String page, String device, String latencyColumn) throws Exception {
        CompletedRun completed = CompletedRun.open(run.toString(), new Configuration());
        SearchSpace space = StrictYaml.read(completed.configText(), SweepConfig.class, "test").space();
        CostModel model = CostModels.resolve(device);
        List<Map<String, String>> results = Csv.read(Files.readString(run.resolve("results.csv")));
        for (Map<String, String> row : completed.front("search")) {
            String id = row.get("candidate_id");
            FrontMember member = FrontMember.resolve(space, row, "pareto-search.csv", "accuracy");
            CostReport expected = model.estimate(space.deploy(member.choice()).architecture());
            String block = between(page, "<details class=\"member\" open id=\"layers-" + id + "\">", "</details>");
            Matcher rows = Pattern.compile("<tr><td>([^<]+)</td><td>([^<]+)</td><td class=\"n\">([0-9,.]+)</td>").matcher(block);
            List<String> nodes = new ArrayList<>();
            double sum = 0;
            int i = 0;
            while (rows.find()) {
                LayerCost layer = expected.layers().get(i++);
                nodes.add(rows.group(1));
                assertEquals(layer.op(), rows.group(2), id + " " + rows.group(1));
                double micros = Double.parseDouble(rows.group(3).replace(",", ""));
                assertEquals(layer.latencySeconds() * 1e6, micros, 0.005 + 1e-6, id + " " + rows.group(1));
                sum += micros;
            }
            assertEquals(expected.layers().stream().map(LayerCost::nodeId).toList(), nodes, "candidate " + id);
            double layerSum = expected.layers().stream().mapToDouble(LayerCost::latencySeconds).sum() * 1e6;
            assertEquals(layerSum, sum, 0.005 * nodes.size() + 1e-6, "candidate " + id);
            assertTrue(block.contains(String.format(Locale.ROOT, "total %.4f ms", expected.latencyMs())), block);
            double recorded = Double.parseDouble(results.stream().filter(r -> r.get("candidate_id").equals(id))
                    .findFirst().orElseThrow().get(latencyColumn));
            assertEquals(recorded, expected.latencyMs(), 1e-9 * recorded, "candidate " + id + ": the sweep's own estimate");
        }
    }

    private static Document svg(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // XChart's SVG names the SVG 1.1 DTD by URL: parse without fetching it
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        assertTrue(a >= 0, "missing: " + start);
        int b = text.indexOf(end, a);
        assertTrue(b >= 0, "missing " + end + " after " + start);
        return text.substring(a, b);
    }
}
