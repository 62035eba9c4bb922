package io.hwnas.spark.finaltrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of a sweep's Pareto front mapped back to a point of the sweep's space.
 *
 * @param choicesJson the front's {@code choices} cell as written (dimension name → option name)
 * @param sweepQuality the task's quality the sweep measured (validation accuracy, PSNR), NaN when the front has none
 */
public record FrontMember(int candidateId, String fingerprint, String choicesJson, Choice choice, double sweepQuality) {

    private static final ObjectMapper JSON = Mappers.json();

    public FrontMember {
        if (candidateId < 0) {
            throw new IllegalArgumentException("candidate_id " + candidateId + " must be >= 0");
        }
        if (fingerprint == null || fingerprint.isBlank() || choice == null) {
            throw new IllegalArgumentException("candidate " + candidateId + " needs a fingerprint and a choice");
        }
    }

    /**
     * Reads a front row ({@code candidate_id}, {@code fingerprint}, {@code choices}, optionally
     * the {@code quality} column) and checks that its choices still decode to the recorded architecture, so
     * the net trained is the one the sweep found (a different hwnas version could decode otherwise).
     *
     * @param source names the front file in error messages
     * @param quality the task's quality column ({@link io.hwnas.sr.Task#qualityColumn})
     */
    public static FrontMember resolve(SearchSpace space, Map<String, String> row, String source, String quality) {
        String id = row.get("candidate_id");
        String where = source + ", candidate_id " + id;
        int candidateId;
        try {
            candidateId = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new ConfigException(source + ": column 'candidate_id' = '" + id + "' is not a candidate number", e);
        }
        String json = row.get("choices");
        Map<String, String> options;
        try {
            options = JSON.readValue(json == null ? "" : json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + ": column 'choices' = '" + json + "' is not a JSON object of option names", e);
        }
        Choice choice = choice(space, options, where);
        String recorded = row.get("fingerprint");
        String decoded = space.decode(choice).fingerprint();
        if (!decoded.equals(recorded)) {
            throw new ConfigException(where + ": choices " + json + " decode to fingerprint " + decoded
                    + " but the front records " + recorded + "; was the run made by another version of hwnas?");
        }
        String measured = row.get(quality);
        double sweepQuality = measured == null || measured.isBlank() ? Double.NaN : Double.parseDouble(measured);
        return new FrontMember(candidateId, recorded, json, choice, sweepQuality);
    }

    private static Choice choice(SearchSpace space, Map<String, String> options, String where) {
        List<Dimension> dims = space.dimensions();
        if (options.size() != dims.size()) {
            throw new ConfigException(where + ": choices name " + options.keySet() + " but the space has dimensions "
                    + dims.stream().map(Dimension::name).toList());
        }
        List<Integer> genes = new ArrayList<>(dims.size());
        for (Dimension d : dims) {
            String option = options.get(d.name());
            int gene = option == null ? -1 : d.options().indexOf(option);
            if (gene < 0) {
                throw new ConfigException(where + ": dimension '" + d.name() + "' = '" + option + "' (allowed: "
                        + String.join(", ", d.options()) + ")");
            }
            genes.add(gene);
        }
        try {
            return space.validate(new Choice(genes));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }
}
