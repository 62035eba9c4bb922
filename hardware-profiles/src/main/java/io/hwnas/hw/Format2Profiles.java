package io.hwnas.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Map.entry;

/**
 * Format 2 profiles, which kept every field at the top level, read by moving each field to its place in
 * format {@value DeviceProfile#FORMAT} (and each source key with it); the moved document then binds and is
 * checked like any format 3 file, so both formats mean exactly the same numbers.
 */
final class Format2Profiles {
    static final int FORMAT = 2;
    /** Format 2 field → its format 3 path; what lies below a field moves with it. */
    private static final Map<String, String> PLACES = places();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Format2Profiles() {
    }

    /** A format 2 document (its {@code format} already checked) in format 3 form, not yet validated. */
    static ObjectNode toFormat3(ObjectNode format2, String origin) {
        ObjectNode format3 = NODES.objectNode();
        // the sections exist even when empty, so a missing field is named rather than its whole section
        for (String section : new String[] {"compute", "memory", "overheads", "activations"}) {
            format3.putObject(section);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = format2.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("format")) {
                continue;
            }
            if (name.equals("sources")) {
                format3.set("sources", field.getValue().isObject() ? sources((ObjectNode) field.getValue())
                        : field.getValue());
                continue;
            }
            String place = PLACES.get(name);
            if (place == null) {
                throw new DeviceProfileException(origin + ": unknown field '" + name + "' (allowed in format 2: "
                        + allowed() + ")");
            }
            put(format3, place, field.getValue());
        }
        return format3;
    }

    /** Source keys name format 2 fields; each becomes its field's format 3 path. Unknown keys stay for the check. */
    private static ObjectNode sources(ObjectNode format2) {
        ObjectNode moved = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = format2.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            int dot = key.indexOf('.');
            String place = PLACES.get(dot < 0 ? key : key.substring(0, dot));
            moved.set(place == null ? key : place + (dot < 0 ? "" : key.substring(dot)), e.getValue());
        }
        return moved;
    }

    private static void put(ObjectNode root, String path, JsonNode value) {
        ObjectNode parent = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            parent = child instanceof ObjectNode o ? o : parent.putObject(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
    }

    private static String allowed() {
        TreeSet<String> names = new TreeSet<>(PLACES.keySet());
        names.addAll(List.of("format", "sources"));
        return String.join(", ", names);
    }

    private static Map<String, String> places() {
        return Map.ofEntries(entry("id", "id"), entry("description", "description"), entry("kind", "kind"),
                entry("dataType", "dataType"), entry("fusion", "fusion"),
                entry("clockHz", "compute.clockHz"),
                entry("macsPerCycle", "compute.macsPerCycle"),
                entry("elementOpsPerCycle", "compute.elementOpsPerCycle"),
                entry("channelAlignment", "compute.channelAlignment"),
                entry("efficiency", "compute.efficiency"),
                entry("memoryBandwidthBytesPerSecond", "memory.bandwidthBytesPerSecond"),
                entry("weightBandwidthBytesPerSecond", "memory.weightBandwidthBytesPerSecond"),
                entry("onChipMemoryBytes", "memory.onChipBytes"),
                entry("weightsOnChip", "memory.weightsOnChip"),
                entry("perInferenceOverheadSeconds", "overheads.perInferenceSeconds"),
                entry("perLayerOverheadSeconds", "overheads.perLayerSeconds"),
                entry("layerOverheadSeconds", "overheads.layerGroupSeconds"),
                entry("activations", "activations.support"),
                entry("nativeElementsPerCycle", "activations.nativeElementsPerCycle"),
                entry("lutElementsPerCycle", "activations.lutElementsPerCycle"),
                entry("activationElementsPerCycle", "activations.elementsPerCycle"),
                entry("fallbackElementsPerSecond", "activations.fallback.elementsPerSecond"),
                entry("fallbackTransferSeconds", "activations.fallback.transferSeconds"));
    }
}
