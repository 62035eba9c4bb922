package io.hwnas.spark.report;

import io.hwnas.data.FashionMnist;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.cli.HwnasCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report of a real sweep as a browser shows it: Debian's chromium, headless, takes a screenshot
 * through scripts/report-screenshot (which must be a full, non-blank page) and dumps the DOM after
 * load, where the page's own script has counted the images the browser decoded. Skipped without
 * /usr/bin/chromium unless HWNAS_REQUIRE_CHROMIUM=1 (CI installs it and sets that), then it fails.
 */
@Tag("browser") // needs Chromium: left out of `mvn test`, run by scripts/test
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 4000;

    @TempDir
    Path tmp;

    @Test
    void chromiumRendersTheWholePageWithEveryImage() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("1".equals(System.getenv("HWNAS_REQUIRE_CHROMIUM"))) {
                fail(CHROMIUM + " is missing but HWNAS_REQUIRE_CHROMIUM=1 (apt-get install -y chromium)");
            }
            assumeTrue(false, CHROMIUM + " not installed (Debian package chromium)");
        }
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path cfg = tmp.resolve("sweep.yaml");
        Files.writeString(cfg, SmallSweeps.config("browser", 3, 3, """
                data: {trainSamples: 128, validationSamples: 128}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [ethos-u55-128]
                output: %s
                """.formatted(tmp.resolve("runs"))));
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", cfg.toString()));
        Path run;
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            run = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        Path index = run.resolve(RunReport.DIRECTORY).resolve(RunReport.INDEX);
        String html = Files.readString(index);

        Path shot = tmp.resolve("screenshot.png");
        Path script = Path.of("..", "scripts", "report-screenshot").toAbsolutePath().normalize();
        Result r = exec(List.of(script.toString(), run.toString(), shot.toString()), 180);
        assertEquals(0, r.code(), r.output());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertNotNull(image, "the screenshot is a PNG");
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        // a blank or unstyled page has few colours and no charts: count colours and dark (text, axes) pixels
        Set<Integer> colours = new HashSet<>();
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int luminance = (299 * (rgb >> 16) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
                if (luminance < 110) {
                    dark++;
                }
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertTrue(colours.size() > 300, "distinct colours: " + colours.size());
        assertTrue(dark > sampled / 200, "dark pixels: " + dark + " of " + sampled);

        Path profile = Files.createDirectories(tmp.resolve("profile"));
        Result dom = exec(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", index.toUri().toString()), 120);
        assertEquals(0, dom.code(), dom.output());
        int images = count(html, "<img ");
        assertTrue(images >= 3, "device front, MACs front and hypervolume: " + images);
        Matcher loaded = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"").matcher(dom.output());
        assertTrue(loaded.find(), "the page's load handler ran: " + dom.output().substring(0, Math.min(300, dom.output().length())));
        assertEquals(images + "/" + images, loaded.group(1) + "/" + loaded.group(2), "every image decoded");
    }

    private record Result(int code, String output) {
    }

    private static Result exec(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("report-browser", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out after " + timeoutSeconds + " s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }
}
