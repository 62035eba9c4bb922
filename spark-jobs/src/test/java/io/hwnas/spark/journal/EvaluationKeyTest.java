package io.hwnas.spark.journal;

import io.hwnas.io.Mappers;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class EvaluationKeyTest {
    private static final String SR = """
            name: sr
            task: {type: super-resolution, scale: 2, patchSize: 24, loss: l1, input: bicubic-upscaled}
            space: {type: sr-plain, input: {channels: 1, height: 24, width: 24}, widths: [8], depths: [3]}
            candidates: 1
            data: {trainSamples: 64, validationSamples: 16}
            devices: [host-cpu]
            """;

    private static String context(String yaml) {
        SweepConfig config = SweepConfigLoader.bind(yaml, "c.yaml");
        return EvaluationKey.context(config, "v1");
    }

    @Test
    void aClassificationKeyIsWhatItWasBeforeTasks() throws Exception {
        String plain = SR.replaceFirst("task: .*\\n", "");
        assertEquals(context(plain), context(plain.replace("name: sr\n", "name: sr\ntask: {type: classification}\n")));
        assertFalse(Mappers.json().writeValueAsString(SweepConfigLoader.bind(plain, "c.yaml").data()).contains("images"),
                "data without images writes no images key");
    }

    @Test
    void int8IsPartOfTheKeyAndNoneKeepsTheKeyItHad() {
        String plain = SR.replaceFirst("task: .*\\n", "");
        String none = plain.replace("name: sr\n", "name: sr\nquantization: none\n");
        assertEquals(context(plain), context(none), "an fp32 sweep reuses results from before quantization existed");
        assertNotEquals(context(plain), context(plain.replace("name: sr\n", "name: sr\nquantization: int8\n")),
                "an fp32 result (no accuracy_int8) is never served to an int8 sweep");
    }

    @Test
    void everySuperResolutionSettingIsPartOfTheKey() {
        String base = context(SR);
        assertNotEquals(context(SR.replaceFirst("task: .*\\n", "")), base);
        assertNotEquals(context(SR.replace("scale: 2", "scale: 4")), base);
        assertNotEquals(context(SR.replace("loss: l1", "loss: mse")), base);
        assertNotEquals(context(SR.replace("patchSize: 24", "patchSize: 16")), base);
        assertNotEquals(context(SR.replace("input: bicubic-upscaled", "input: low-resolution")), base);
    }
}
