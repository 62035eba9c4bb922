package io.hwnas.hw;

import io.hwnas.io.BadInputException;

/**
 * A device profile that cannot be used: the message names the file (when there is one), the field and
 * the offending value, e.g. {@code my-npu.yaml: field 'compute.clockHz' = -1.0 must be a positive finite number}.
 */
public final class DeviceProfileException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public DeviceProfileException(String message) {
        super(message);
    }

    public DeviceProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
