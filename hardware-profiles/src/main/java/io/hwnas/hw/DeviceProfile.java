package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hwnas.arch.ActivationType;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.hwnas.hw.FieldChecks.required;

/**
 * What the analytical cost model needs to know about one device, batch 1 (algorithms.md §8): a YAML file of
 * format {@value #FORMAT}, bound to these records as it is written (hardware-profiles/README.md lists every
 * field). Immutable and validated at construction; {@link DeviceProfiles} reads and writes the files.
 *
 * <p>Every number carries a provenance in {@link #sources()}, keyed by the field's dotted path
 * ({@code compute.clockHz}): a datasheet/paper/tool reference, or a text starting with {@code estimate} when it is
 * a judgement call (see {@link #isEstimate(String)}). A source key covers its own field and everything below it
 * ({@code compute.efficiency} covers {@code compute.efficiency.dense}).
 *
 * @param id lower-case device id, e.g. {@code ethos-u55-128}; a bundled profile's equals its file name
 * @param description free text: the part, the runtime, the system it is measured in
 * @param kind what sort of processor this is
 * @param dataType precision estimates use: the quantisation setting ({@link #withDataType} changes it)
 * @param compute peak rates and the efficiencies layers reach
 * @param memory bandwidths and the on-chip budget
 * @param overheads fixed costs per inference and per layer
 * @param fusion which layers run inside the preceding conv
 * @param activations how activation functions run and what they cost
 * @param sources provenance per field (see above)
 */
@JsonPropertyOrder({"format"})
@JsonIgnoreProperties(value = "format", allowGetters = true)
public record DeviceProfile(String id, String description, DeviceKind kind, Precision dataType, Compute compute,
                            Memory memory, Overheads overheads, Fusion fusion, ActivationCosts activations,
                            Map<String, String> sources) implements Serializable {

    /** Version of the YAML form; bumped when the format changes incompatibly. */
    public static final int FORMAT = 3;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final List<String> ALWAYS_SOURCED = List.of("compute.clockHz", "compute.elementOpsPerCycle",
            "compute.channelAlignment.input", "compute.channelAlignment.output", "memory.bandwidthBytesPerSecond",
            "memory.weightBandwidthBytesPerSecond", "memory.onChipBytes", "memory.weightsOnChip",
            "overheads.perInferenceSeconds", "overheads.perLayerSeconds", "fusion.bnIntoConv",
            "fusion.activationIntoConv");
    /** Every key {@code sources} may name: every field that can be sourced and the sections above it. */
    private static final Set<String> SOURCE_KEYS = sourceKeys();

    public DeviceProfile {
        if (id == null || !ID.matcher(id).matches()) {
            throw new DeviceProfileException(id == null ? "field 'id' is required"
                    : "field 'id' = '" + id + "' is invalid (allowed: lower-case letters, digits, . _ -)");
        }
        if (description == null || description.isBlank()) {
            throw new DeviceProfileException("field 'description' is required");
        }
        required("kind", kind);
        required("dataType", dataType);
        required("compute", compute);
        required("memory", memory);
        required("overheads", overheads);
        required("fusion", fusion);
        required("activations", activations);
        if (!compute.macsPerCycle().containsKey(dataType)) {
            throw new DeviceProfileException("field 'compute.macsPerCycle." + dataType.id() + "' is required because "
                    + "'dataType' = " + dataType.id());
        }
        if (!fusion.activationIntoConv()) {
            for (Map.Entry<ActivationType, ActivationSupport> e : activations.support().entrySet()) {
                if (e.getValue() == ActivationSupport.FUSED) {
                    throw new DeviceProfileException("field 'activations.support." + e.getKey().id()
                            + "' = fused contradicts 'fusion.activationIntoConv' = false");
                }
            }
        }
        sources = validSources(sources, sourcedFields(compute, overheads, activations));
    }

    /** The format this record is written in; the reader checks it before binding. */
    @JsonProperty("format")
    public int format() {
        return FORMAT;
    }

    /** Bytes of one activation or weight element at {@link #dataType()}. */
    public int bytesPerElement() {
        return dataType.bytes();
    }

    /** Peak MAC throughput at {@link #dataType()}: clock × MACs per cycle. */
    public double peakMacsPerSecond() {
        return compute.peakMacsPerSecond(dataType);
    }

    /** The same device run at another precision (the quantisation setting). */
    public DeviceProfile withDataType(Precision precision) {
        if (!compute.macsPerCycle().containsKey(precision)) {
            throw new DeviceProfileException("device '" + id + "' does not run " + precision.id() + " (its "
                    + "compute.macsPerCycle gives " + compute.macsPerCycle().keySet().stream().map(Precision::id)
                    .collect(Collectors.joining(", ")) + ")");
        }
        return precision == dataType ? this
                : new DeviceProfile(id, description, kind, precision, compute, memory, overheads, fusion, activations, sources);
    }

    /** The same numbers under another id and description (a calibrated copy, say). */
    public DeviceProfile withIdentity(String newId, String newDescription) {
        return new DeviceProfile(newId, newDescription, kind, dataType, compute, memory, overheads, fusion, activations,
                sources);
    }

    public DeviceProfile with(Compute changed) {
        return new DeviceProfile(id, description, kind, dataType, changed, memory, overheads, fusion, activations, sources);
    }

    public DeviceProfile with(Memory changed) {
        return new DeviceProfile(id, description, kind, dataType, compute, changed, overheads, fusion, activations, sources);
    }

    public DeviceProfile with(Overheads changed) {
        return new DeviceProfile(id, description, kind, dataType, compute, memory, changed, fusion, activations, sources);
    }

    public DeviceProfile with(ActivationCosts changed) {
        return new DeviceProfile(id, description, kind, dataType, compute, memory, overheads, fusion, changed, sources);
    }

    /** Records where a field's value came from; start the text with {@code estimate} for judgement calls. */
    public DeviceProfile withSource(String field, String reference) {
        Map<String, String> changed = new TreeMap<>(sources);
        changed.put(field, reference);
        return new DeviceProfile(id, description, kind, dataType, compute, memory, overheads, fusion, activations, changed);
    }

    /** The provenance of a field ({@code compute.clockHz}, {@code compute.efficiency.dense}, …), from its own or a parent key. */
    public Optional<String> source(String field) {
        for (String key = field; key != null; key = parent(key)) {
            String s = sources.get(key);
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** True when the field's source marks it an estimate rather than a published figure. */
    public boolean isEstimate(String field) {
        return source(field).map(s -> s.trim().toLowerCase(Locale.ROOT).startsWith("estimate")).orElse(false);
    }

    /** Every sourced field whose value is an estimate, sorted: what calibration should look at first. */
    public List<String> estimatedFields() {
        return sourcedFields(compute, overheads, activations).stream().filter(this::isEstimate).sorted().toList();
    }

    /** The fields this profile gives that need a source. */
    private static Set<String> sourcedFields(Compute compute, Overheads overheads, ActivationCosts activations) {
        Set<String> keys = new LinkedHashSet<>(ALWAYS_SOURCED);
        compute.macsPerCycle().keySet().forEach(p -> keys.add("compute.macsPerCycle." + p.id()));
        compute.efficiency().keySet().forEach(c -> keys.add("compute.efficiency." + c.id()));
        overheads.layerGroupSeconds().keySet().forEach(g -> keys.add("overheads.layerGroupSeconds." + g));
        activations.support().keySet().forEach(t -> keys.add("activations.support." + t.id()));
        activations.elementsPerCycle().keySet().forEach(t -> keys.add("activations.elementsPerCycle." + t.id()));
        if (activations.nativeElementsPerCycle() != null) {
            keys.add("activations.nativeElementsPerCycle");
        }
        if (activations.lutElementsPerCycle() != null) {
            keys.add("activations.lutElementsPerCycle");
        }
        if (activations.fallback() != null) {
            keys.addAll(List.of("activations.fallback.elementsPerSecond", "activations.fallback.transferSeconds"));
        }
        return keys;
    }

    private static Set<String> sourceKeys() {
        Set<String> fields = new LinkedHashSet<>(ALWAYS_SOURCED);
        fields.addAll(List.of("dataType", "activations.nativeElementsPerCycle", "activations.lutElementsPerCycle",
                "activations.fallback.elementsPerSecond", "activations.fallback.transferSeconds"));
        for (Precision p : Precision.values()) {
            fields.add("compute.macsPerCycle." + p.id());
        }
        for (OpClass c : OpClass.values()) {
            fields.add("compute.efficiency." + c.id());
        }
        for (String g : Overheads.LAYER_GROUPS) {
            fields.add("overheads.layerGroupSeconds." + g);
        }
        for (ActivationType t : ActivationType.values()) {
            fields.add("activations.support." + t.id());
            fields.add("activations.elementsPerCycle." + t.id());
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String field : fields) {
            for (String key = field; key != null; key = parent(key)) {
                keys.add(key);
            }
        }
        return Set.copyOf(keys);
    }

    private static Map<String, String> validSources(Map<String, String> sources, Set<String> requiredKeys) {
        required("sources", sources);
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            if (e.getKey() == null || !SOURCE_KEYS.contains(e.getKey())) {
                throw new DeviceProfileException("field 'sources." + e.getKey() + "' names no field of the profile "
                        + "(a key is a field's dotted path, e.g. compute.clockHz, or a section's, e.g. compute.efficiency)");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new DeviceProfileException("field 'sources." + e.getKey() + "' is empty: give a reference, or "
                        + "'estimate: <reasoning>'");
            }
            copy.put(e.getKey(), e.getValue().trim());
        }
        for (String key : requiredKeys) {
            boolean covered = false;
            for (String k = key; k != null && !covered; k = parent(k)) {
                covered = copy.containsKey(k);
            }
            if (!covered) {
                throw new DeviceProfileException("field 'sources' has no entry for '" + key
                        + "': give a datasheet/paper reference, or 'estimate: <reasoning>'");
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String parent(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? null : key.substring(0, dot);
    }
}
