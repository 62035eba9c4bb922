package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hwnas.arch.ActivationType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hwnas.hw.FieldChecks.positive;
import static io.hwnas.hw.FieldChecks.required;

/**
 * How a device runs activation functions and what that costs (the {@code activations} section of a profile).
 *
 * @param support how each non-linear activation runs; identity is free everywhere and may be omitted
 * @param nativeElementsPerCycle activation elements per cycle for {@code native} (and unfused {@code fused})
 *     activations; null only when no activation needs it
 * @param lutElementsPerCycle activation elements per cycle through a lookup table; null only when unused
 * @param elementsPerCycle per-activation rates that override the class rate where the activation is charged as
 *     {@code native} or {@code lut}; may be empty
 * @param fallback the CPU that runs {@code fallback} activations; null only when none is {@code fallback}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ActivationCosts(Map<ActivationType, ActivationSupport> support, Double nativeElementsPerCycle,
                              Double lutElementsPerCycle, Map<ActivationType, Double> elementsPerCycle,
                              CpuFallback fallback) implements Serializable {

    public ActivationCosts {
        support = validSupport(support);
        Set<ActivationSupport> used = EnumSet.noneOf(ActivationSupport.class);
        used.addAll(support.values());
        rate("nativeElementsPerCycle", nativeElementsPerCycle,
                used.contains(ActivationSupport.NATIVE) || used.contains(ActivationSupport.FUSED),
                "an activation is 'native' or 'fused' (fused ones are charged natively where they cannot fuse)");
        rate("lutElementsPerCycle", lutElementsPerCycle, used.contains(ActivationSupport.LUT), "an activation is 'lut'");
        if (fallback == null && used.contains(ActivationSupport.FALLBACK)) {
            throw new DeviceProfileException("field 'fallback' is required because an activation is 'fallback'");
        }
        elementsPerCycle = validRates(elementsPerCycle, support);
    }

    /** How the device runs this activation; identity, which costs nothing anywhere, is {@code native} unless given. */
    public ActivationSupport support(ActivationType type) {
        ActivationSupport s = support.get(type);
        return s != null ? s : ActivationSupport.NATIVE;
    }

    /**
     * Elements per cycle of an activation charged on the device's own units: its own rate if the profile gives
     * one, else the rate of its support class ({@code lut} or native).
     */
    public double elementsPerCycle(ActivationType type) {
        Double own = elementsPerCycle.get(type);
        if (own != null) {
            return own;
        }
        return support(type) == ActivationSupport.LUT ? lutElementsPerCycle : nativeElementsPerCycle;
    }

    public ActivationCosts withElementsPerCycle(ActivationType type, double rate) {
        EnumMap<ActivationType, Double> changed = new EnumMap<>(ActivationType.class);
        changed.putAll(elementsPerCycle);
        changed.put(type, rate);
        return new ActivationCosts(support, nativeElementsPerCycle, lutElementsPerCycle, changed, fallback);
    }

    public ActivationCosts withFallback(CpuFallback cpu) {
        return new ActivationCosts(support, nativeElementsPerCycle, lutElementsPerCycle, elementsPerCycle, cpu);
    }

    private static Map<ActivationType, ActivationSupport> validSupport(Map<ActivationType, ActivationSupport> given) {
        required("support", given);
        EnumMap<ActivationType, ActivationSupport> copy = new EnumMap<>(ActivationType.class);
        List<String> missing = new ArrayList<>();
        for (ActivationType t : ActivationType.values()) {
            ActivationSupport s = given.get(t);
            if (s != null) {
                copy.put(t, s);
            } else if (t.isNonLinear()) {
                missing.add(t.id());
            }
        }
        if (!missing.isEmpty()) {
            throw new DeviceProfileException("field 'support' has no entry for " + String.join(", ", missing)
                    + " (each must be one of " + ActivationSupport.allowed() + ")");
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<ActivationType, Double> validRates(Map<ActivationType, Double> rates,
                                                          Map<ActivationType, ActivationSupport> support) {
        EnumMap<ActivationType, Double> copy = new EnumMap<>(ActivationType.class);
        for (Map.Entry<ActivationType, Double> e : (rates == null ? Map.<ActivationType, Double>of() : rates).entrySet()) {
            String field = "elementsPerCycle." + e.getKey().id();
            positive(field, required(field, e.getValue()));
            if (support.getOrDefault(e.getKey(), ActivationSupport.NATIVE) == ActivationSupport.FALLBACK) {
                throw new DeviceProfileException("field '" + field + "' is unused: '" + e.getKey().id()
                        + "' is 'fallback' (its rate is fallback.elementsPerSecond)");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static void rate(String field, Double value, boolean needed, String why) {
        if (value != null) {
            positive(field, value);
        } else if (needed) {
            throw new DeviceProfileException("field '" + field + "' is required because " + why);
        }
    }
}
