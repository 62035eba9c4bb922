package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.arch.ActivationType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the analytical cost model needs to know about one device, batch 1 (algorithms.md §8). Immutable and
 * validated at construction; read from YAML by {@link DeviceProfiles}, where every validation error is
 * prefixed with the file it came from. The YAML format is documented field by field in the module README.
 *
 * <p>Every number carries a provenance in {@link #sources()}: a datasheet/paper/tool reference, or a text
 * starting with {@code estimate} when it is a judgement call (see {@link #isEstimate(String)}). A source
 * key covers its own field and everything below it ({@code efficiency} covers {@code efficiency.dense}).
 *
 * @param id lower-case device id, e.g. {@code ethos-u55-128}
 * @param clockHz clock of the unit doing the MACs
 * @param dataType precision estimates use: the quantisation setting ({@link #withDataType} changes it)
 * @param macsPerCycle peak MACs per cycle per precision the device runs, whole device (all cores)
 * @param memoryBandwidthBytesPerSecond bandwidth between the compute unit and where activations live
 * @param weightBandwidthBytesPerSecond bandwidth weights stream at (flash on micro-controllers)
 * @param onChipMemoryBytes memory the live tensors must fit in; 0 when not modelled
 * @param weightsOnChip whether the weights are stored in that same on-chip memory
 * @param perInferenceOverheadSeconds fixed cost of one inference (runtime invoke, driver job setup)
 * @param perLayerOverheadSeconds fixed cost of each executed (not fused) layer: kernel dispatch or launch
 * @param layerOverheadSeconds per layer group ({@link #LAYER_GROUPS}), a fixed cost that replaces
 *     {@code perLayerOverheadSeconds} for that group's layers (e.g. a runtime whose batch-norm kernel costs more
 *     to start than its convolution); may be empty
 * @param channelAlignment channel multiples compute is charged on
 * @param efficiency achieved fraction of peak per op class, each in (0, 1]: of the MAC rate for conv/dense
 *     classes, of {@code elementOpsPerCycle} for pooling and element-wise work
 * @param elementOpsPerCycle peak non-MAC element work per cycle (unfolded BN, pooling window reads, adds)
 * @param activations how each non-linear activation runs; identity is free everywhere and may be omitted
 * @param activationElementsPerCycle per-activation rates that override the class rate where the activation is
 *     charged as {@code native} or {@code lut}; may be empty
 * @param nativeElementsPerCycle activation elements per cycle for {@code native} (and unfused {@code fused})
 *     activations; null only when no activation needs it
 * @param lutElementsPerCycle activation elements per cycle through a lookup table; null only when unused
 * @param fallbackElementsPerSecond activation elements per second on the fallback CPU; null only when unused
 * @param fallbackTransferSeconds fixed cost of handing one tensor to the fallback CPU and back (dispatch,
 *     synchronisation); the bytes themselves are charged over the memory bandwidth; null only when unused
 * @param sources provenance per field (see above)
 */
public record DeviceProfile(String id, String description, DeviceKind kind, double clockHz, Precision dataType,
                            Map<Precision, Double> macsPerCycle, double memoryBandwidthBytesPerSecond,
                            double weightBandwidthBytesPerSecond, long onChipMemoryBytes, boolean weightsOnChip,
                            double perInferenceOverheadSeconds, double perLayerOverheadSeconds,
                            Map<String, Double> layerOverheadSeconds, ChannelAlignment channelAlignment, Map<OpClass, Double> efficiency,
                            double elementOpsPerCycle, Map<ActivationType, ActivationSupport> activations,
                            Map<ActivationType, Double> activationElementsPerCycle,
                            Double nativeElementsPerCycle, Double lutElementsPerCycle, Double fallbackElementsPerSecond,
                            Double fallbackTransferSeconds, Fusion fusion, Map<String, String> sources)
        implements Serializable {

    /** Version of the YAML form; bumped when the format changes incompatibly. */
    public static final int FORMAT = 2;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final List<String> ALWAYS_SOURCED = List.of("clockHz", "memoryBandwidthBytesPerSecond",
            "weightBandwidthBytesPerSecond", "onChipMemoryBytes", "weightsOnChip", "perInferenceOverheadSeconds",
            "perLayerOverheadSeconds", "channelAlignment.input", "channelAlignment.output", "elementOpsPerCycle",
            "fusion.bnIntoConv", "fusion.activationIntoConv");
    private static final List<String> RATE_FIELDS = List.of("nativeElementsPerCycle", "lutElementsPerCycle",
            "fallbackElementsPerSecond", "fallbackTransferSeconds");
    /**
     * Layer groups a per-group overhead can be given for: the op classes, and batch_norm, activation and
     * concat (see {@link #layerGroup}).
     */
    public static final List<String> LAYER_GROUPS = layerGroups();
    /** Every key {@code sources} may name: fields, their groups and their members. */
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
        positive("clockHz", clockHz);
        required("dataType", dataType);
        macsPerCycle = validMacsPerCycle(macsPerCycle, dataType);
        positive("memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond);
        positive("weightBandwidthBytesPerSecond", weightBandwidthBytesPerSecond);
        if (onChipMemoryBytes < 0) {
            throw new DeviceProfileException("field 'onChipMemoryBytes' = " + onChipMemoryBytes
                    + " must be >= 0 (0 = not modelled)");
        }
        nonNegative("perInferenceOverheadSeconds", perInferenceOverheadSeconds);
        nonNegative("perLayerOverheadSeconds", perLayerOverheadSeconds);
        layerOverheadSeconds = validLayerOverheads(layerOverheadSeconds);
        required("channelAlignment", channelAlignment);
        efficiency = validEfficiency(efficiency);
        positive("elementOpsPerCycle", elementOpsPerCycle);
        activations = validActivations(activations);
        activationElementsPerCycle = validActivationRates(activationElementsPerCycle, activations);
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
        sources = validSources(sources, requiredSourceKeys(macsPerCycle, layerOverheadSeconds, activations,
                activationElementsPerCycle, nativeElementsPerCycle, lutElementsPerCycle, fallbackElementsPerSecond,
                fallbackTransferSeconds));
    }

    @JsonCreator
    static DeviceProfile fromYaml(@JsonProperty("format") Integer format,
                                  @JsonProperty("id") String id,
                                  @JsonProperty("description") String description,
                                  @JsonProperty("kind") String kind,
                                  @JsonProperty("clockHz") Double clockHz,
                                  @JsonProperty("dataType") String dataType,
                                  @JsonProperty("macsPerCycle") Map<String, Double> macsPerCycle,
                                  @JsonProperty("memoryBandwidthBytesPerSecond") Double memoryBandwidthBytesPerSecond,
                                  @JsonProperty("weightBandwidthBytesPerSecond") Double weightBandwidthBytesPerSecond,
                                  @JsonProperty("onChipMemoryBytes") Long onChipMemoryBytes,
                                  @JsonProperty("weightsOnChip") Boolean weightsOnChip,
                                  @JsonProperty("perInferenceOverheadSeconds") Double perInferenceOverheadSeconds,
                                  @JsonProperty("perLayerOverheadSeconds") Double perLayerOverheadSeconds,
                                  @JsonProperty("layerOverheadSeconds") Map<String, Double> layerOverheadSeconds,
                                  @JsonProperty("channelAlignment") ChannelAlignment channelAlignment,
                                  @JsonProperty("efficiency") Map<String, Double> efficiency,
                                  @JsonProperty("elementOpsPerCycle") Double elementOpsPerCycle,
                                  @JsonProperty("activations") Map<String, Object> activations,
                                  @JsonProperty("activationElementsPerCycle") Map<String, Double> activationRates,
                                  @JsonProperty("nativeElementsPerCycle") Double nativeElementsPerCycle,
                                  @JsonProperty("lutElementsPerCycle") Double lutElementsPerCycle,
                                  @JsonProperty("fallbackElementsPerSecond") Double fallbackElementsPerSecond,
                                  @JsonProperty("fallbackTransferSeconds") Double fallbackTransferSeconds,
                                  @JsonProperty("fusion") Fusion fusion,
                                  @JsonProperty("sources") Map<String, String> sources) {
        if (format == null || format != FORMAT) {
            throw new DeviceProfileException("field 'format' = " + format + " is not supported (this version reads "
                    + FORMAT + "; the fields are listed in hardware-profiles/README.md, 'Profile format')");
        }
        required("id", id);
        return new DeviceProfile(id, required("description", description),
                DeviceKind.fromId("kind", required("kind", kind)),
                required("clockHz", clockHz),
                Precision.fromId("dataType", required("dataType", dataType)),
                parseKeyed("macsPerCycle", required("macsPerCycle", macsPerCycle), Precision.class,
                        v -> Precision.fromId("macsPerCycle", v)),
                required("memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond),
                required("weightBandwidthBytesPerSecond", weightBandwidthBytesPerSecond),
                required("onChipMemoryBytes", onChipMemoryBytes),
                required("weightsOnChip", weightsOnChip),
                required("perInferenceOverheadSeconds", perInferenceOverheadSeconds),
                required("perLayerOverheadSeconds", perLayerOverheadSeconds),
                layerOverheadSeconds == null ? Map.of() : layerOverheadSeconds,
                required("channelAlignment", channelAlignment),
                parseKeyed("efficiency", required("efficiency", efficiency), OpClass.class,
                        v -> OpClass.fromId("efficiency", v)),
                required("elementOpsPerCycle", elementOpsPerCycle),
                parseActivations(required("activations", activations)),
                activationRates == null ? Map.of() : parseKeyed("activationElementsPerCycle", activationRates,
                        ActivationType.class, v -> activationType("activationElementsPerCycle", v)),
                nativeElementsPerCycle, lutElementsPerCycle, fallbackElementsPerSecond, fallbackTransferSeconds,
                required("fusion", fusion), required("sources", sources));
    }

    /** Bytes of one activation or weight element at {@link #dataType()}. */
    public int bytesPerElement() {
        return dataType.bytes();
    }

    /** Peak MAC throughput at {@link #dataType()}: clock × MACs per cycle. */
    public double peakMacsPerSecond() {
        return clockHz * macsPerCycle.get(dataType);
    }

    /** The fixed cost of one executed layer of a group: its own if given, else {@code perLayerOverheadSeconds}. */
    public double layerOverheadSeconds(String group) {
        Double own = layerOverheadSeconds.get(group);
        return own != null ? own : perLayerOverheadSeconds;
    }

    /** The overhead group of a node, as an index into {@link #LAYER_GROUPS}; -1 for nodes free at inference. */
    public static int layerGroupIndex(NodeWork node) {
        int classes = OpClass.values().length;
        return switch (node.kind()) {
            case MAC, ELEMENT -> node.opClass().ordinal();
            case BATCH_NORM -> classes;
            case ACTIVATION -> classes + 1;
            case COPY -> classes + 2;
            case FREE -> -1;
        };
    }

    public double efficiency(OpClass opClass) {
        return efficiency.get(opClass);
    }

    /** How the device runs this activation; identity, which costs nothing anywhere, is {@code native} unless given. */
    public ActivationSupport support(ActivationType type) {
        ActivationSupport s = activations.get(type);
        return s != null ? s : ActivationSupport.NATIVE;
    }

    /**
     * Elements per cycle of an activation charged on the device's own units: its own rate if the profile gives
     * one, else the rate of its support class ({@code lut} or native).
     */
    public double activationElementsPerCycle(ActivationType type) {
        Double own = activationElementsPerCycle.get(type);
        if (own != null) {
            return own;
        }
        return support(type) == ActivationSupport.LUT ? lutElementsPerCycle : nativeElementsPerCycle;
    }

    /** The same device run at another precision (the quantisation setting). */
    public DeviceProfile withDataType(Precision precision) {
        if (!macsPerCycle.containsKey(precision)) {
            throw new DeviceProfileException("device '" + id + "' does not run " + precision.id() + " (its macsPerCycle "
                    + "gives " + macsPerCycle.keySet().stream().map(Precision::id).collect(Collectors.joining(", ")) + ")");
        }
        return precision == dataType ? this : toBuilder().dataType(precision).build();
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
        return requiredSourceKeys(macsPerCycle, layerOverheadSeconds, activations, activationElementsPerCycle,
                nativeElementsPerCycle, lutElementsPerCycle, fallbackElementsPerSecond, fallbackTransferSeconds)
                .stream().filter(this::isEstimate).sorted().toList();
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

    private static Map<Precision, Double> validMacsPerCycle(Map<Precision, Double> macs, Precision dataType) {
        required("macsPerCycle", macs);
        EnumMap<Precision, Double> copy = new EnumMap<>(Precision.class);
        for (Map.Entry<Precision, Double> e : macs.entrySet()) {
            positive("macsPerCycle." + e.getKey().id(), required("macsPerCycle." + e.getKey().id(), e.getValue()));
            copy.put(e.getKey(), e.getValue());
        }
        if (!copy.containsKey(dataType)) {
            throw new DeviceProfileException("field 'macsPerCycle." + dataType.id() + "' is required because "
                    + "'dataType' = " + dataType.id());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, Double> validLayerOverheads(Map<String, Double> overheads) {
        TreeMap<String, Double> copy = new TreeMap<>();
        for (Map.Entry<String, Double> e : (overheads == null ? Map.<String, Double>of() : overheads).entrySet()) {
            String field = "layerOverheadSeconds." + e.getKey();
            if (!LAYER_GROUPS.contains(e.getKey())) {
                throw new DeviceProfileException("field 'layerOverheadSeconds' names unknown layer group '" + e.getKey()
                        + "' (allowed: " + String.join(", ", LAYER_GROUPS) + ")");
            }
            nonNegative(field, required(field, e.getValue()));
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static List<String> layerGroups() {
        List<String> groups = new ArrayList<>();
        for (OpClass c : OpClass.values()) {
            groups.add(c.id());
        }
        groups.addAll(List.of("batch_norm", "activation", "concat"));
        return List.copyOf(groups);
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

    private static Map<ActivationType, Double> validActivationRates(Map<ActivationType, Double> rates,
                                                                    Map<ActivationType, ActivationSupport> support) {
        EnumMap<ActivationType, Double> copy = new EnumMap<>(ActivationType.class);
        for (Map.Entry<ActivationType, Double> e : (rates == null ? Map.<ActivationType, Double>of() : rates).entrySet()) {
            String field = "activationElementsPerCycle." + e.getKey().id();
            positive(field, required(field, e.getValue()));
            ActivationSupport s = support.getOrDefault(e.getKey(), ActivationSupport.NATIVE);
            if (s == ActivationSupport.FALLBACK) {
                throw new DeviceProfileException("field '" + field + "' is unused: '" + e.getKey().id()
                        + "' is 'fallback' (its rate is fallbackElementsPerSecond)");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** A YAML map keyed by names, as an enum map; unknown and repeated names are errors naming the field. */
    private static <K extends Enum<K>, V> Map<K, V> parseKeyed(String field, Map<String, V> raw, Class<K> type,
                                                               Function<String, K> key) {
        EnumMap<K, V> parsed = new EnumMap<>(type);
        for (Map.Entry<String, V> e : raw.entrySet()) {
            K k = key.apply(e.getKey());
            if (parsed.containsKey(k)) {
                throw new DeviceProfileException("field '" + field + "' gives '" + e.getKey() + "' twice");
            }
            parsed.put(k, required(field + "." + e.getKey(), e.getValue()));
        }
        return parsed;
    }

    private static ActivationType activationType(String field, String name) {
        try {
            return ActivationType.fromId(name);
        } catch (IllegalArgumentException ex) {
            throw new DeviceProfileException("field '" + field + "' names unknown activation '" + name
                    + "' (allowed: " + ActivationType.allowed() + ")", ex);
        }
    }

    private static Map<ActivationType, ActivationSupport> parseActivations(Map<String, Object> raw) {
        EnumMap<ActivationType, ActivationSupport> parsed = new EnumMap<>(ActivationType.class);
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            ActivationType t = activationType("activations", e.getKey());
            if (parsed.containsKey(t)) {
                throw new DeviceProfileException("field 'activations' gives '" + t.id() + "' twice (as '" + e.getKey() + "')");
            }
            parsed.put(t, ActivationSupport.fromId("activations." + e.getKey(), e.getValue()));
        }
        return parsed;
    }

    private static Set<String> requiredSourceKeys(Map<Precision, Double> macs, Map<String, Double> layerOverheads,
                                                  Map<ActivationType, ActivationSupport> activations,
                                                  Map<ActivationType, Double> activationRates, Double nativeRate,
                                                  Double lutRate, Double fallbackRate, Double fallbackTransfer) {
        Set<String> keys = new LinkedHashSet<>(ALWAYS_SOURCED);
        for (Precision p : macs.keySet()) {
            keys.add("macsPerCycle." + p.id());
        }
        for (OpClass c : OpClass.values()) {
            keys.add("efficiency." + c.id());
        }
        Double[] rates = {nativeRate, lutRate, fallbackRate, fallbackTransfer};
        for (int i = 0; i < rates.length; i++) {
            if (rates[i] != null) {
                keys.add(RATE_FIELDS.get(i));
            }
        }
        for (ActivationType t : activations.keySet()) {
            keys.add("activations." + t.id());
        }
        for (ActivationType t : activationRates.keySet()) {
            keys.add("activationElementsPerCycle." + t.id());
        }
        for (String g : layerOverheads.keySet()) {
            keys.add("layerOverheadSeconds." + g);
        }
        return keys;
    }

    private static Set<String> sourceKeys() {
        Set<String> keys = new HashSet<>(ALWAYS_SOURCED);
        keys.addAll(RATE_FIELDS);
        keys.addAll(List.of("dataType", "macsPerCycle", "channelAlignment", "efficiency", "activations",
                "activationElementsPerCycle", "fusion", "layerOverheadSeconds"));
        for (String g : LAYER_GROUPS) {
            keys.add("layerOverheadSeconds." + g);
        }
        for (Precision p : Precision.values()) {
            keys.add("macsPerCycle." + p.id());
        }
        for (OpClass c : OpClass.values()) {
            keys.add("efficiency." + c.id());
        }
        for (ActivationType t : ActivationType.values()) {
            keys.add("activations." + t.id());
            keys.add("activationElementsPerCycle." + t.id());
        }
        return Set.copyOf(keys);
    }

    private static Map<String, String> validSources(Map<String, String> sources, Set<String> requiredKeys) {
        required("sources", sources);
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            if (e.getKey() == null || !SOURCE_KEYS.contains(e.getKey())) {
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
        private Precision dataType;
        private final EnumMap<Precision, Double> macsPerCycle = new EnumMap<>(Precision.class);
        private double memoryBandwidthBytesPerSecond;
        private double weightBandwidthBytesPerSecond;
        private long onChipMemoryBytes;
        private boolean weightsOnChip;
        private double perInferenceOverheadSeconds;
        private double perLayerOverheadSeconds;
        private final TreeMap<String, Double> layerOverheadSeconds = new TreeMap<>();
        private ChannelAlignment channelAlignment = ChannelAlignment.NONE;
        private final EnumMap<OpClass, Double> efficiency = new EnumMap<>(OpClass.class);
        private double elementOpsPerCycle;
        private final EnumMap<ActivationType, ActivationSupport> activations = new EnumMap<>(ActivationType.class);
        private final EnumMap<ActivationType, Double> activationElementsPerCycle = new EnumMap<>(ActivationType.class);
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
            dataType = p.dataType;
            macsPerCycle.putAll(p.macsPerCycle);
            memoryBandwidthBytesPerSecond = p.memoryBandwidthBytesPerSecond;
            weightBandwidthBytesPerSecond = p.weightBandwidthBytesPerSecond;
            onChipMemoryBytes = p.onChipMemoryBytes;
            weightsOnChip = p.weightsOnChip;
            perInferenceOverheadSeconds = p.perInferenceOverheadSeconds;
            perLayerOverheadSeconds = p.perLayerOverheadSeconds;
            layerOverheadSeconds.putAll(p.layerOverheadSeconds);
            channelAlignment = p.channelAlignment;
            efficiency.putAll(p.efficiency);
            elementOpsPerCycle = p.elementOpsPerCycle;
            activations.putAll(p.activations);
            activationElementsPerCycle.putAll(p.activationElementsPerCycle);
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

        public Builder dataType(Precision v) {
            dataType = v;
            return this;
        }

        public Builder macsPerCycle(Precision p, double v) {
            macsPerCycle.put(p, v);
            return this;
        }

        public Builder memoryBandwidthBytesPerSecond(double v) {
            memoryBandwidthBytesPerSecond = v;
            return this;
        }

        public Builder weightBandwidthBytesPerSecond(double v) {
            weightBandwidthBytesPerSecond = v;
            return this;
        }

        public Builder onChipMemoryBytes(long v) {
            onChipMemoryBytes = v;
            return this;
        }

        public Builder weightsOnChip(boolean v) {
            weightsOnChip = v;
            return this;
        }

        public Builder perInferenceOverheadSeconds(double v) {
            perInferenceOverheadSeconds = v;
            return this;
        }

        public Builder perLayerOverheadSeconds(double v) {
            perLayerOverheadSeconds = v;
            return this;
        }

        public Builder layerOverheadSeconds(String group, double v) {
            layerOverheadSeconds.put(group, v);
            return this;
        }

        public Builder channelAlignment(ChannelAlignment v) {
            channelAlignment = v;
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

        public Builder activationElementsPerCycle(ActivationType t, double v) {
            activationElementsPerCycle.put(t, v);
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
            return new DeviceProfile(id, description, kind, clockHz, dataType, macsPerCycle,
                    memoryBandwidthBytesPerSecond, weightBandwidthBytesPerSecond, onChipMemoryBytes, weightsOnChip,
                    perInferenceOverheadSeconds, perLayerOverheadSeconds, layerOverheadSeconds, channelAlignment, efficiency,
                    elementOpsPerCycle, activations, activationElementsPerCycle, nativeElementsPerCycle,
                    lutElementsPerCycle, fallbackElementsPerSecond, fallbackTransferSeconds, fusion, sources);
        }
    }
}
