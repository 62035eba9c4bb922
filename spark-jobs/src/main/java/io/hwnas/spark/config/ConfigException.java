package io.hwnas.spark.config;

import io.hwnas.io.BadInputException;

/** A configuration the run cannot start with; the message names the field, the value and what is allowed. */
public final class ConfigException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
