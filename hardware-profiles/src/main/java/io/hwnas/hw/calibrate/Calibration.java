package io.hwnas.hw.calibrate;

import io.hwnas.hw.DeviceProfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Calibrator#fit}.
 *
 * @param profile the calibrated profile (calibrated fields re-sourced as {@code calibrated: ...})
 * @param changes per fitted field: {prior value, calibrated value}
 * @param notIdentified fields the measured nets never exercised; they keep the prior's value
 * @param clamped efficiencies the fit would have put above 1 (the profile's peak rate is too low for them)
 * @param rounds linear fit rounds until the layers' bounds stopped changing (a refinement pass follows)
 * @param fit accuracy on the measurements the profile was fitted to (held-out accuracy is the caller's to measure)
 */
public record Calibration(DeviceProfile profile, Map<String, double[]> changes, List<String> notIdentified,
                          List<String> clamped, int rounds, PredictionAccuracy fit) {

    public Calibration {
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        notIdentified = List.copyOf(notIdentified);
        clamped = List.copyOf(clamped);
    }
}
