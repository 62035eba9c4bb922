package io.hwnas.hw;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import static io.hwnas.hw.FieldChecks.positive;
import static io.hwnas.hw.FieldChecks.required;

/**
 * What a device computes at: its peak rates and the share of them each kind of layer reaches
 * (the {@code compute} section of a profile).
 *
 * @param clockHz clock of the unit doing the MACs
 * @param macsPerCycle peak MACs per cycle for each precision the device runs, whole device (all cores)
 * @param elementOpsPerCycle peak non-MAC element work per cycle (unfolded BN, pooling window reads, adds)
 * @param channelAlignment channel multiples compute is charged on
 * @param efficiency achieved fraction of peak per op class, each in (0, 1]: of the MAC rate for conv/dense
 *     classes, of {@code elementOpsPerCycle} for pooling and element-wise work; every class is given
 */
public record Compute(double clockHz, Map<Precision, Double> macsPerCycle, double elementOpsPerCycle,
                      ChannelAlignment channelAlignment, Map<OpClass, Double> efficiency) implements Serializable {

    public Compute {
        positive("clockHz", clockHz);
        macsPerCycle = validMacsPerCycle(macsPerCycle);
        positive("elementOpsPerCycle", elementOpsPerCycle);
        required("channelAlignment", channelAlignment);
        efficiency = validEfficiency(efficiency);
    }

    /** Peak MACs per second at a precision the device runs. */
    public double peakMacsPerSecond(Precision precision) {
        return clockHz * macsPerCycle.get(precision);
    }

    public double efficiency(OpClass opClass) {
        return efficiency.get(opClass);
    }

    public Compute withClockHz(double hz) {
        return new Compute(hz, macsPerCycle, elementOpsPerCycle, channelAlignment, efficiency);
    }

    public Compute withChannelAlignment(ChannelAlignment alignment) {
        return new Compute(clockHz, macsPerCycle, elementOpsPerCycle, alignment, efficiency);
    }

    public Compute withEfficiency(OpClass opClass, double fraction) {
        EnumMap<OpClass, Double> changed = new EnumMap<>(efficiency);
        changed.put(opClass, fraction);
        return new Compute(clockHz, macsPerCycle, elementOpsPerCycle, channelAlignment, changed);
    }

    private static Map<Precision, Double> validMacsPerCycle(Map<Precision, Double> macs) {
        if (required("macsPerCycle", macs).isEmpty()) {
            throw new DeviceProfileException("field 'macsPerCycle' is empty (give the MACs per cycle of each of "
                    + Precision.allowed() + " the device runs)");
        }
        EnumMap<Precision, Double> copy = new EnumMap<>(Precision.class);
        for (Map.Entry<Precision, Double> e : macs.entrySet()) {
            String field = "macsPerCycle." + e.getKey().id();
            positive(field, required(field, e.getValue()));
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
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
}
