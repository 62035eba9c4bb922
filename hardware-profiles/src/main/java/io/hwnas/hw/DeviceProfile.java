package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.arch.ActivationType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the analytical cost model needs to know about one device, batch 1 (algorithms.md §8). Immutable and
 * validated at construction; read from YAML by {@link DeviceProfiles}, where every validation error is
 * prefixed with the file it came from.
 *
 * <p>Every number carries a provenance in {@link #sources()}: a datasheet/paper/tool reference, or a text
 * starting with {@code estimate} when it is a judgement call (see {@link #isEstimate(String)}). A source
 * key covers its own field and everything below it ({@code efficiency} covers {@code efficiency.dense}).
 *
 * @param id lower-case device id, e.g. {@code ethos-u55-128}
 * @param clockHz clock of the unit doing the MACs
 * @param macsPerCycle peak MACs per cycle for {@link #bytesPerElement()}-sized data, whole device (all cores)
 * @param bytesPerElement bytes of one activation/weight element (1 for int8, 4 for fp32)
 * @param memoryBandwidthBytesPerSecond bandwidth between the compute unit and where tensors and weights live
 * @param onChipMemoryBytes memory the activations must fit in; 0 when not modelled
 * @param perInferenceOverheadSeconds fixed cost of one inference (driver/runtime dispatch)
 * @param efficiency achieved fraction of peak MAC throughput per op class, each in (0, 1]
 * @param elementOpsPerCycle non-MAC element work per cycle (unfolded BN, pooling window reads, adds)
 * @param activations how each non-linear activation runs; identity is free everywhere and may be omitted
 * @param nativeElementsPerCycle activation elements per cycle for {@code native} (and unfused {@code fused})
 *     activations; null only when no activation needs it
 * @param lutElementsPerCycle activation elements per cycle through a lookup table; null only when unused
 * @param fallbackElementsPerSecond activation elements per second on the fallback CPU; null only when unused
 * @param fallbackTransferSeconds fixed cost of handing one tensor to the fallback CPU and back (dispatch,
 *     synchronisation); the bytes themselves are charged over the memory bandwidth; null only when unused
 * @param sources provenance per field (see above)
 */
public record DeviceProfile(String id, String description, DeviceKind kind, double clockHz, double macsPerCycle,
                            int bytesPerElement, double memoryBandwidthBytesPerSecond, long onChipMemoryBytes,
                            double perInferenceOverheadSeconds, Map<OpClass, Double> efficiency,
                            double elementOpsPerCycle, Map<ActivationType, ActivationSupport> activations,
                            Double nativeElementsPerCycle, Double lutElementsPerCycle, Double fallbackElementsPerSecond,
                            Double fallbackTransferSeconds, Fusion fusion, Map<String, String> sources)
        implements Serializable {

    /** Version of the YAML form; bumped when the format changes incompatibly. */
    public static final int FORMAT = 1;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final List<String> SCALAR_FIELDS = List.of("clockHz", "macsPerCycle", "bytesPerElement",
            "memoryBandwidthBytesPerSecond", "onChipMemoryBytes", "perInferenceOverheadSeconds", "elementOpsPerCycle",
            "nativeElementsPerCycle", "lutElementsPerCycle", "fallbackElementsPerSecond", "fallbackTransferSeconds");

    public DeviceProfile {
        if (id == null || !ID.matcher(id).matches()) {
            throw new DeviceProfileException(id == null ? "field 'id' is required"
                    : "field 'id' = '" + id + "' is invalid (allowed: lower-case letters, digits, . _ -)");
        }
        if (description == null || description.isBlank()) {
            throw new DeviceProfileException("field 'description' is required");
        }
        required("kind", kind);
        positive("clockHz", clockHz);
        positive("macsPerCycle", macsPerCycle);
        if (bytesPerElement < 1 || bytesPerElement > 8) {
            throw new DeviceProfileException("field 'bytesPerElement' = " + bytesPerElement + " must be in [1, 8]");
        }
        positive("memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond);
        if (onChipMemoryBytes < 0) {
            throw new DeviceProfileException("field 'onChipMemoryBytes' = " + onChipMemoryBytes
                    + " must be >= 0 (0 = not modelled)");
        }
        nonNegative("perInferenceOverheadSeconds", perInferenceOverheadSeconds);
        efficiency = validEfficiency(efficiency);
        positive("elementOpsPerCycle", elementOpsPerCycle);
        activations = validActivations(activations);
        required("fusion", fusion);
        Set<ActivationSupport> used = EnumSet.noneOf(ActivationSupport.class);
        used.addAll(activations.values());
        rate("nativeElementsPerCycle", nativeElementsPerCycle,
                used.contains(ActivationSupport.NATIVE) || used.contains(ActivationSupport.FUSED),
                "an activation is 'native' or 'fused' (fused ones are charged natively where they cannot fuse)");
        rate("lutElementsPerCycle", lutElementsPerCycle, used.contains(ActivationSupport.LUT), "an activation is 'lut'");
        rate("fallbackElementsPerSecond", fallbackElementsPerSecond, used.contains(ActivationSupport.FALLBACK),
                "an activation is 'fallback'");
        if (fallbackTransferSeconds != null) {
            nonNegative("fallbackTransferSeconds", fallbackTransferSeconds);
        } else if (used.contains(ActivationSupport.FALLBACK)) {
            throw new DeviceProfileException("field 'fallbackTransferSeconds' is required because an activation is 'fallback'");
        }
        if (!fusion.activationIntoConv()) {
            for (Map.Entry<ActivationType, ActivationSupport> e : activations.entrySet()) {
                if (e.getValue() == ActivationSupport.FUSED) {
                    throw new DeviceProfileException("field 'activations." + e.getKey().id()
                            + "' = fused contradicts 'fusion.activationIntoConv' = false");
                }
            }
        }
        sources = validSources(sources, requiredSourceKeys(activations, nativeElementsPerCycle, lutElementsPerCycle,
                fallbackElementsPerSecond, fallbackTransferSeconds));
    }

    @JsonCreator
    static DeviceProfile fromYaml(@JsonProperty("format") Integer format,
                                  @JsonProperty("id") String id,
                                  @JsonProperty("description") String description,
                                  @JsonProperty("kind") String kind,
                                  @JsonProperty("clockHz") Double clockHz,
                                  @JsonProperty("macsPerCycle") Double macsPerCycle,
                                  @JsonProperty("bytesPerElement") Integer bytesPerElement,
                                  @JsonProperty("memoryBandwidthBytesPerSecond") Double memoryBandwidthBytesPerSecond,
                                  @JsonProperty("onChipMemoryBytes") Long onChipMemoryBytes,
                                  @JsonProperty("perInferenceOverheadSeconds") Double perInferenceOverheadSeconds,
                                  @JsonProperty("efficiency") Map<String, Double> efficiency,
                                  @JsonProperty("elementOpsPerCycle") Double elementOpsPerCycle,
                                  @JsonProperty("activations") Map<String, Object> activations,
                                  @JsonProperty("nativeElementsPerCycle") Double nativeElementsPerCycle,
                                  @JsonProperty("lutElementsPerCycle") Double lutElementsPerCycle,
                                  @JsonProperty("fallbackElementsPerSecond") Double fallbackElementsPerSecond,
                                  @JsonProperty("fallbackTransferSeconds") Double fallbackTransferSeconds,
                                  @JsonProperty("fusion") Fusion fusion,
                                  @JsonProperty("sources") Map<String, String> sources) {
        if (format != null && format != FORMAT) {
            throw new DeviceProfileException("field 'format' = " + format + " is not supported (this version reads "
                    + FORMAT + ")");
        }
        required("id", id);
        return new DeviceProfile(id, required("description", description),
                DeviceKind.fromId("kind", required("kind", kind)),
                required("clockHz", clockHz), required("macsPerCycle", macsPerCycle),
                required("bytesPerElement", bytesPerElement),
                required("memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond),
                required("onChipMemoryBytes", onChipMemoryBytes),
                required("perInferenceOverheadSeconds", perInferenceOverheadSeconds),
                parseEfficiency(required("efficiency", efficiency)),
                required("elementOpsPerCycle", elementOpsPerCycle),
                parseActivations(required("activations", activations)),
                nativeElementsPerCycle, lutElementsPerCycle, fallbackElementsPerSecond, fallbackTransferSeconds,
                required("fusion", fusion), required("sources", sources));
    }

    /** Peak MAC throughput: clock × MACs per cycle. */
    public double peakMacsPerSecond() {
        return clockHz * macsPerCycle;
    }

    public double efficiency(OpClass opClass) {
        return efficiency.get(opClass);
    }

    /** How the device runs this activation; identity, which costs nothing anywhere, is {@code native} unless given. */
    public ActivationSupport support(ActivationType type) {
        ActivationSupport s = activations.get(type);
        return s != null ? s : ActivationSupport.NATIVE;
    }

    /** The provenance of a field ({@code clockHz}, {@code efficiency.dense}, …), from its own or a parent key. */
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
        return requiredSourceKeys(activations, nativeElementsPerCycle, lutElementsPerCycle, fallbackElementsPerSecond,
                fallbackTransferSeconds).stream().filter(this::isEstimate).sorted().toList();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    // ---- validation helpers ----

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new DeviceProfileException("field '" + field + "' is required");
        }
        return value;
    }

    private static void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new DeviceProfileException("field '" + field + "' = " + value + " must be a positive finite number");
        }
    }

    private static void nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new DeviceProfileException("field '" + field + "' = " + value + " must be a finite number >= 0");
        }
    }

    private static void rate(String field, Double value, boolean needed, String why) {
        if (value != null) {
            positive(field, value);
        } else if (needed) {
            throw new DeviceProfileException("field '" + field + "' is required because " + why);
        }
    }

    private static Map<OpClass, Double> validEfficiency(Map<OpClass, Double> efficiency) {
        required("efficiency", efficiency);
        EnumMap<OpClass, Double> copy = new EnumMap<>(OpClass.class);
        for (OpClass c : OpClass.values()) {
            Double e = efficiency.get(c);
            String field = "efficiency." + c.id();
            if (e == null) {
                throw new DeviceProfileException("field '" + field + "' is required (a fraction of peak in (0, 1])");
            }
            if (!(e > 0 && e <= 1)) {
                throw new DeviceProfileException("field '" + field + "' = " + e + " must be in (0, 1]");
            }
            copy.put(c, e);
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<ActivationType, ActivationSupport> validActivations(Map<ActivationType, ActivationSupport> acts) {
        required("activations", acts);
        EnumMap<ActivationType, ActivationSupport> copy = new EnumMap<>(ActivationType.class);
        List<String> missing = new ArrayList<>();
        for (ActivationType t : ActivationType.values()) {
            ActivationSupport s = acts.get(t);
            if (s != null) {
                copy.put(t, s);
            } else if (t.isNonLinear()) {
                missing.add(t.id());
            }
        }
        if (!missing.isEmpty()) {
            throw new DeviceProfileException("field 'activations' has no entry for " + String.join(", ", missing)
                    + " (each must be one of " + ActivationSupport.allowed() + ")");
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<OpClass, Double> parseEfficiency(Map<String, Double> raw) {
        EnumMap<OpClass, Double> parsed = new EnumMap<>(OpClass.class);
        for (Map.Entry<String, Double> e : raw.entrySet()) {
            OpClass c = OpClass.fromId("efficiency", e.getKey());
            parsed.put(c, required("efficiency." + c.id(), e.getValue()));
        }
        return parsed;
    }

    private static Map<ActivationType, ActivationSupport> parseActivations(Map<String, Object> raw) {
        EnumMap<ActivationType, ActivationSupport> parsed = new EnumMap<>(ActivationType.class);
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            ActivationType t;
            try {
                t = ActivationType.fromId(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new DeviceProfileException("field 'activations' names unknown activation '" + e.getKey()
                        + "' (allowed: " + ActivationType.allowed() + ")", ex);
            }
            if (parsed.containsKey(t)) {
                throw new DeviceProfileException("field 'activations' gives '" + t.id() + "' twice (as '" + e.getKey() + "')");
            }
            parsed.put(t, ActivationSupport.fromId("activations." + e.getKey(), e.getValue()));
        }
        return parsed;
    }

    private static Set<String> requiredSourceKeys(Map<ActivationType, ActivationSupport> activations, Double nativeRate,
                                                  Double lutRate, Double fallbackRate, Double fallbackTransfer) {
        Set<String> keys = new LinkedHashSet<>(List.of("clockHz", "macsPerCycle", "bytesPerElement",
                "memoryBandwidthBytesPerSecond", "onChipMemoryBytes", "perInferenceOverheadSeconds", "elementOpsPerCycle"));
        for (OpClass c : OpClass.values()) {
            keys.add("efficiency." + c.id());
        }
        if (nativeRate != null) {
            keys.add("nativeElementsPerCycle");
        }
        if (lutRate != null) {
            keys.add("lutElementsPerCycle");
        }
        if (fallbackRate != null) {
            keys.add("fallbackElementsPerSecond");
        }
        if (fallbackTransfer != null) {
            keys.add("fallbackTransferSeconds");
        }
        for (ActivationType t : activations.keySet()) {
            keys.add("activations." + t.id());
        }
        keys.add("fusion.bnIntoConv");
        keys.add("fusion.activationIntoConv");
        return keys;
    }

    private static boolean knownSourceKey(String key) {
        if (SCALAR_FIELDS.contains(key) || key.equals("efficiency") || key.equals("activations") || key.equals("fusion")
                || key.equals("fusion.bnIntoConv") || key.equals("fusion.activationIntoConv")) {
            return true;
        }
        if (key.startsWith("efficiency.")) {
            String c = key.substring("efficiency.".length());
            for (OpClass o : OpClass.values()) {
                if (o.id().equals(c)) {
                    return true;
                }
            }
            return false;
        }
        if (key.startsWith("activations.")) {
            String a = key.substring("activations.".length());
            for (ActivationType t : ActivationType.values()) {
                if (t.id().equals(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> validSources(Map<String, String> sources, Set<String> requiredKeys) {
        required("sources", sources);
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            if (e.getKey() == null || !knownSourceKey(e.getKey())) {
                throw new DeviceProfileException("field 'sources' names unknown field '" + e.getKey() + "'");
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

    /** Programmatic construction and what-if variants ({@code profile.toBuilder().clockHz(1e9).build()}). */
    public static final class Builder {
        private String id;
        private String description;
        private DeviceKind kind;
        private double clockHz;
        private double macsPerCycle;
        private int bytesPerElement;
        private double memoryBandwidthBytesPerSecond;
        private long onChipMemoryBytes;
        private double perInferenceOverheadSeconds;
        private final EnumMap<OpClass, Double> efficiency = new EnumMap<>(OpClass.class);
        private double elementOpsPerCycle;
        private final EnumMap<ActivationType, ActivationSupport> activations = new EnumMap<>(ActivationType.class);
        private Double nativeElementsPerCycle;
        private Double lutElementsPerCycle;
        private Double fallbackElementsPerSecond;
        private Double fallbackTransferSeconds;
        private Fusion fusion;
        private final TreeMap<String, String> sources = new TreeMap<>();

        public Builder() {
        }

        private Builder(DeviceProfile p) {
            id = p.id;
            description = p.description;
            kind = p.kind;
            clockHz = p.clockHz;
            macsPerCycle = p.macsPerCycle;
            bytesPerElement = p.bytesPerElement;
            memoryBandwidthBytesPerSecond = p.memoryBandwidthBytesPerSecond;
            onChipMemoryBytes = p.onChipMemoryBytes;
            perInferenceOverheadSeconds = p.perInferenceOverheadSeconds;
            efficiency.putAll(p.efficiency);
            elementOpsPerCycle = p.elementOpsPerCycle;
            activations.putAll(p.activations);
            nativeElementsPerCycle = p.nativeElementsPerCycle;
            lutElementsPerCycle = p.lutElementsPerCycle;
            fallbackElementsPerSecond = p.fallbackElementsPerSecond;
            fallbackTransferSeconds = p.fallbackTransferSeconds;
            fusion = p.fusion;
            sources.putAll(p.sources);
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder kind(DeviceKind v) {
            kind = v;
            return this;
        }

        public Builder clockHz(double v) {
            clockHz = v;
            return this;
        }

        public Builder macsPerCycle(double v) {
            macsPerCycle = v;
            return this;
        }

        public Builder bytesPerElement(int v) {
            bytesPerElement = v;
            return this;
        }

        public Builder memoryBandwidthBytesPerSecond(double v) {
            memoryBandwidthBytesPerSecond = v;
            return this;
        }

        public Builder onChipMemoryBytes(long v) {
            onChipMemoryBytes = v;
            return this;
        }

        public Builder perInferenceOverheadSeconds(double v) {
            perInferenceOverheadSeconds = v;
            return this;
        }

        public Builder efficiency(OpClass c, double v) {
            efficiency.put(c, v);
            return this;
        }

        public Builder elementOpsPerCycle(double v) {
            elementOpsPerCycle = v;
            return this;
        }

        public Builder activation(ActivationType t, ActivationSupport s) {
            activations.put(t, s);
            return this;
        }

        public Builder nativeElementsPerCycle(Double v) {
            nativeElementsPerCycle = v;
            return this;
        }

        public Builder lutElementsPerCycle(Double v) {
            lutElementsPerCycle = v;
            return this;
        }

        public Builder fallbackElementsPerSecond(Double v) {
            fallbackElementsPerSecond = v;
            return this;
        }

        public Builder fallbackTransferSeconds(Double v) {
            fallbackTransferSeconds = v;
            return this;
        }

        public Builder fusion(Fusion v) {
            fusion = v;
            return this;
        }

        /** Records where a value came from; start the text with {@code estimate} for judgement calls. */
        public Builder source(String field, String reference) {
            sources.put(field, reference);
            return this;
        }

        public DeviceProfile build() {
            return new DeviceProfile(id, description, kind, clockHz, macsPerCycle, bytesPerElement,
                    memoryBandwidthBytesPerSecond, onChipMemoryBytes, perInferenceOverheadSeconds, efficiency,
                    elementOpsPerCycle, activations, nativeElementsPerCycle, lutElementsPerCycle,
                    fallbackElementsPerSecond, fallbackTransferSeconds, fusion, sources);
        }
    }
}
