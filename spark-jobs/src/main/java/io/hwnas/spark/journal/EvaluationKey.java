package io.hwnas.spark.journal;

import io.hwnas.io.Mappers;
import io.hwnas.io.Sha256;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hwnas.eval.Candidate;
import io.hwnas.space.SpaceCapability;
import io.hwnas.spark.config.SweepConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When an evaluation may stand in for another: same architecture (fingerprint), same training
 * budget (fidelity), same evaluation context. The context is everything outside the architecture
 * that changes a result — data subset, task (super-resolution's scale, patch, loss, input), quantization, training and proxy settings, device cost models (a profile
 * file by its content), a tabular space's table (by content) — and the code version. The search
 * budget, strategy and seed are not part of it: they choose which candidates are evaluated, not
 * what an evaluation gives (a reused result keeps the training seed it was made with).
 */
public final class EvaluationKey {
    private static final ObjectWriter JSON = Mappers.json().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private EvaluationKey() {
    }

    /** SHA-256 over the evaluation context of a sweep config built by {@code codeVersion} ({@code BuildInfo.codeVersion()}). */
    public static String context(SweepConfig config, String codeVersion) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("data", config.data());
        context.put("training", config.training());
        context.put("proxies", config.proxies());
        if (!config.task().isClassification()) {
            // classification's key stays what it was before tasks existed
            context.put("task", config.task());
        }
        if (config.quantization().isInt8()) {
            // without int8 the key stays what it was before quantization existed
            context.put("quantization", config.quantization());
        }
        List<String> devices = new ArrayList<>();
        for (String d : config.devices()) {
            Path file = Path.of(d);
            devices.add(Files.isRegularFile(file) ? d + "@sha256:" + fileHash(file) : d);
        }
        context.put("devices", devices);
        if (config.space().has(SpaceCapability.TABLE)) {
            context.put("table", fileHash(config.space().lookupTable()));
        }
        context.put("code", codeVersion);
        try {
            return Sha256.hex(JSON.writeValueAsBytes(context));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the evaluation context: " + e.getMessage(), e);
        }
    }

    /** The key of evaluating {@code candidate} in {@code context}. */
    public static String of(String context, Candidate candidate) {
        String fidelity = candidate.fidelity() == null ? "configured"
                : candidate.fidelity().trainSamples() + "x" + candidate.fidelity().epochs();
        return Sha256.hex((context + "|" + candidate.fingerprint() + "|" + fidelity)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String fileHash(Path file) {
        try {
            return Sha256.hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for the evaluation key: " + e.getMessage(), e);
        }
    }
}
