package io.hwnas.spark;

import io.hwnas.io.BadInputException;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.config.HantConfig;
import io.hwnas.spark.config.HantConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad HANT configs fail before Spark starts, name the field and value, exit 2 and write nothing. */
class HantConfigValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key          | 'steps: 50,'                 | 'stepz: 50,'                     | stepz",
            "unknown op           | '[conv3x3-relu, conv1x1-relu, identity]' | '[conv3x3-relu, conv4x4-relu]' | conv4x4-relu",
            "op listed twice      | '[conv3x3-relu, conv1x1-relu, identity]' | '[conv1x1-relu, conv1x1-relu]' | alternatives[1]",
            "unknown activation   | '[conv3x3-relu, conv1x1-relu, identity]' | '[conv3x3-swoosh]'           | swoosh",
            "unknown device       | 'device: ethos-u55-128'      | 'device: tpu-v9'                 | tpu-v9",
            "two budget kinds     | 'budgets: {steps: 5}'        | 'budgets: {steps: 5, fractions: [0.5]}' | exactly one",
            "fraction above 1     | 'budgets: {steps: 5}'        | 'budgets: {fractions: [0.9, 1.5]}' | fractions[1]",
            "infeasible budget    | 'budgets: {steps: 5}'        | 'budgets: {fractions: [0.9, 0.2]}' | budgets.fractions[1]",
            "infeasible ms budget | 'budgets: {steps: 5}'        | 'budgets: {milliseconds: [0.001]}' | budgets.milliseconds[0]",
            "zero steps           | 'budgets: {steps: 5}'        | 'budgets: {steps: 0}'            | steps",
            "too many images      | 'trainImages: 512,'          | 'trainImages: 5000,'             | distillation.trainImages",
            "stride 3             | '{channels: 16, stride: 2, op: conv3x3-silu}' | '{channels: 16, stride: 3, op: conv3x3-silu}' | stride",
            "identity as teacher  | '{channels: 16, stride: 2, op: conv3x3-silu}' | '{channels: 16, stride: 2, op: identity}' | identity",
            "untrained teacher    | 'teacherTraining: {epochs: 2,' | 'teacherTraining: {epochs: 0,' | epochs",
            "wrong type           | 'steps: 50,'                 | 'steps: many,'                   | steps",
            "missing dataset      | 'data: {'                    | 'data: {path: /nonexistent/fmnist, ' | /nonexistent/fmnist",
    })
    void badConfigIsRejectedWithFieldAndValue(String label, String from, String to, String mentioned,
                                               @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("runs");
        String good = HantJobTest.config(out);
        assertTrue(good.contains(from), "fixture must contain " + from);
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, good.replace(from, to));
        BadInputException e = assertThrows(BadInputException.class, () -> HantConfigLoader.load(cfg));
        assertTrue(e.getMessage().contains(mentioned), label + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("hant", cfg.toString()));
        assertFalse(Files.exists(out), "nothing written for " + label);
    }

    @Test
    void identityThatFitsNoLayerIsRejected(@TempDir Path tmp) throws Exception {
        String strided = HantJobTest.config(tmp.resolve("runs"))
                .replace("{channels: 8, stride: 1, op: conv3x3-silu}", "{channels: 16, stride: 2, op: conv3x3-silu}")
                .replace("    - {channels: 16, stride: 1, op: conv3x3-silu}\n", "")
                .replace("[conv3x3-relu, conv1x1-relu, identity]", "[identity]");
        Path cfg = tmp.resolve("strided.yaml");
        Files.writeString(cfg, strided);
        BadInputException e = assertThrows(BadInputException.class, () -> HantConfigLoader.load(cfg));
        assertTrue(e.getMessage().contains("alternatives[0]' = 'identity'") && e.getMessage().contains("fits no layer"),
                e.getMessage());
    }

    @Test
    void omittedSectionsTakeDocumentedDefaults(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("minimal.yaml");
        Files.writeString(cfg, "alternatives: [conv1x1-relu]\noutput: " + tmp.resolve("runs") + "\n");
        HantConfig c = HantConfigLoader.load(cfg);
        assertEquals(6, c.teacher().layers().size(), "the preset teacher");
        assertEquals("ethos-u55-128", c.device());
        assertEquals(6, c.budgets().steps());
        assertEquals(300, c.distillation().steps());
    }
}
