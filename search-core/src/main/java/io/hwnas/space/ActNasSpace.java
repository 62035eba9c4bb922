package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.service.AutoService;
import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.arch.zoo.ReferenceNetworks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * ActNAS (shared/docs/algorithms.md §1) over any base network: every searchable activation node of
 * the base is one dimension, named by the node's id, in execution order, whose options are
 * {@code activations}. Decoding swaps activation functions and nothing else, so all node ids survive
 * and per-node costs of two candidates line up; an id may therefore still read {@code .relu} where
 * the candidate computes SiLU. The one-layer-at-a-time moves of ActNAS are
 * {@link SearchSpace#neighbours}; choosing {@code identity} lets the default {@link #deploy} merge
 * the linear layers on either side where that is exact and does not raise MACs.
 *
 * <p>The JSON form is the configuration (base spec, activations, baseline, sites), never the loaded
 * network, so run provenance stays small and re-reading it rebuilds the same space. The loaded base
 * is kept as a field all the same: executors and checkpoints get a self-contained space even when
 * the base file is not on their machine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "base", "activations", "baseline", "sites"})
public final class ActNasSpace implements SearchSpace {
    private static final long serialVersionUID = 1L;

    public static final String TYPE = "actnas";
    /** Marks a {@code sites} value as a Java regular expression instead of globs. */
    public static final String REGEX_PREFIX = "regex:";
    private static final int IDS_IN_MESSAGES = 12;

    private final BaseNet base;
    private final List<ActivationType> activations;
    private final ActivationType baseline;
    private final String sites;
    private final Architecture network;
    private final List<Integer> sitePositions;
    private final List<Dimension> dimensions;
    private final Choice baselineChoice;

    /**
     * @param baseline the activation every site takes in {@link #baseline()}; null for the base's
     *     own activation at each site where it is among the options, else option 0
     * @param sites which activation nodes are searchable, by id: comma-separated globs ({@code *}
     *     any run of characters, dots included; {@code ?} one character), or {@code regex:} and a
     *     Java regular expression matched against the whole id; null for every activation node
     */
    public ActNasSpace(BaseNet base, List<ActivationType> activations, ActivationType baseline, String sites) {
        if (base == null) {
            throw new IllegalArgumentException("field 'base' is required: {reference, input, classes} or {file}");
        }
        if (activations == null || activations.isEmpty() || activations.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("field 'activations' must list at least one activation (allowed: "
                    + ActivationType.allowed() + ")");
        }
        activations = List.copyOf(activations);
        if (new HashSet<>(activations).size() != activations.size()) {
            throw new IllegalArgumentException("field 'activations' lists an activation twice: " + ids(activations));
        }
        if (baseline != null && !activations.contains(baseline)) {
            throw new IllegalArgumentException("field 'baseline' = '" + baseline.id() + "' is not among field "
                    + "'activations' = " + ids(activations));
        }
        if (sites != null && sites.isBlank()) {
            throw new IllegalArgumentException("field 'sites' is blank; omit it to search every activation node");
        }
        this.base = base;
        this.activations = activations;
        this.baseline = baseline;
        this.sites = sites;
        this.network = base.load();
        this.sitePositions = findSites(network, sites);
        List<String> options = activations.stream().map(ActivationType::id).toList();
        List<Dimension> dims = new ArrayList<>(sitePositions.size());
        List<Integer> start = new ArrayList<>(sitePositions.size());
        for (int position : sitePositions) {
            Node node = network.nodes().get(position);
            dims.add(new Dimension(node.id(), options));
            ActivationType own = ((Activation) node.layer()).function();
            ActivationType wanted = baseline != null ? baseline : own;
            start.add(Math.max(0, activations.indexOf(wanted)));
        }
        this.dimensions = List.copyOf(dims);
        this.baselineChoice = new Choice(start);
    }

    @JsonCreator
    static ActNasSpace fromJson(@JsonProperty("base") BaseNet base,
                                @JsonProperty("activations") List<ActivationType> activations,
                                @JsonProperty("baseline") ActivationType baseline,
                                @JsonProperty("sites") String sites) {
        return new ActNasSpace(base, activations, baseline, sites);
    }

    /**
     * Positions (in execution order) of the activation nodes {@code sites} selects. Without {@code sites}, every
     * activation but a gate: one whose output scales another tensor through a {@code multiply} (a squeeze-excite's
     * sigmoid), where a body activation such as ReLU would not gate at all.
     */
    private static List<Integer> findSites(Architecture net, String sites) {
        Pattern pattern = sites == null ? null : compile(sites);
        Set<String> gates = new HashSet<>();
        for (Node node : net.nodes()) {
            if (node.layer() instanceof Multiply && node.inputs().size() == 2) {
                gates.add(node.inputs().get(1));
            }
        }
        List<Integer> out = new ArrayList<>();
        List<String> activationIds = new ArrayList<>();
        for (int i = 0; i < net.nodes().size(); i++) {
            Node node = net.nodes().get(i);
            if (node.layer() instanceof Activation) {
                activationIds.add(node.id());
                if (pattern == null ? !gates.contains(node.id()) : pattern.matcher(node.id()).matches()) {
                    out.add(i);
                }
            }
        }
        if (activationIds.isEmpty()) {
            throw new IllegalArgumentException("field 'base' = " + describe(net) + " has no activation node to search");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("field 'sites' = '" + sites + "' matches no activation node of "
                    + describe(net) + " (its " + activationIds.size() + " activation nodes: " + abbreviate(activationIds)
                    + ")");
        }
        return List.copyOf(out);
    }

    private static Pattern compile(String sites) {
        if (sites.startsWith(REGEX_PREFIX)) {
            try {
                return Pattern.compile(sites.substring(REGEX_PREFIX.length()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("field 'sites' = '" + sites + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        List<String> alternatives = new ArrayList<>();
        for (String glob : sites.split(",")) {
            StringBuilder regex = new StringBuilder();
            for (char ch : glob.trim().toCharArray()) {
                regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
            }
            alternatives.add(regex.toString());
        }
        return Pattern.compile(String.join("|", alternatives));
    }

    private static String describe(Architecture net) {
        return "'" + net.name() + "'";
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= IDS_IN_MESSAGES ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, IDS_IN_MESSAGES)) + ", ...";
    }

    private static List<String> ids(List<ActivationType> types) {
        return types.stream().map(ActivationType::id).toList();
    }

    @JsonProperty("base")
    public BaseNet base() {
        return base;
    }

    @JsonProperty("activations")
    public List<ActivationType> activations() {
        return activations;
    }

    /** The configured baseline activation, or null for "the base's own" (see the constructor). */
    @JsonProperty("baseline")
    public ActivationType baselineActivation() {
        return baseline;
    }

    @JsonProperty("sites")
    public String sites() {
        return sites;
    }

    /** The loaded base network, unchanged. */
    @JsonIgnore
    public Architecture network() {
        return network;
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        return dimensions;
    }

    @Override
    public Architecture decode(Choice choice) {
        validate(choice);
        List<Node> nodes = new ArrayList<>(network.nodes());
        for (int d = 0; d < sitePositions.size(); d++) {
            int position = sitePositions.get(d);
            Node site = nodes.get(position);
            nodes.set(position, new Node(site.id(), new Activation(activations.get(choice.gene(d))), site.inputs()));
        }
        return new Architecture(network.name(), network.input(), nodes);
    }

    @Override
    public Choice baseline() {
        return baselineChoice;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActNasSpace other && base.equals(other.base) && activations.equals(other.activations)
                && baseline == other.baseline && Objects.equals(sites, other.sites) && network.equals(other.network);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, activations, baseline, sites);
    }

    @Override
    public String toString() {
        return "ActNasSpace[" + base + ", activations " + ids(activations) + ", baseline "
                + (baseline == null ? "(base's own)" : baseline.id()) + ", sites " + (sites == null ? "(all)" : sites)
                + ": " + dimensions.size() + " sites]";
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, ActNasSpace.class, SpaceCapability.NETWORKS);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("base", "the net whose activations are searched: {reference: NAME, input, classes (default 10)} "
                    + "with NAME one of " + String.join(", ", ReferenceNetworks.names()) + "; or {file: IR JSON file} "
                    + "(required)");
            keys.put("activations", "the options of every searched activation node (required; allowed: "
                    + ActivationType.allowed() + ")");
            keys.put("baseline", "the activation of the baseline point everywhere (default: the base net's own)");
            keys.put("sites", "which activation nodes are searched: comma-separated globs on node ids, or "
                    + "'regex:...' (default: all)");
            return new SpaceHelp("ActNAS on any base net: an activation per activation node",
                    List.of("Dimensions: one per searched activation node, named by its node id, in execution order.",
                            "Deployed form: batch-norm folded; where 'identity' is chosen, the linear layers around it "
                                    + "merge when that is exact and does not raise MACs."),
                    keys, "examples/actnas.yaml");
        }
    }
}
