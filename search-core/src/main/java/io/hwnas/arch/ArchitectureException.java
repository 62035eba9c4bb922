package io.hwnas.arch;

/** An architecture that cannot exist: the message names the node, the field and the offending value. */
public final class ArchitectureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ArchitectureException(String message) {
        super(message);
    }

    public ArchitectureException(String message, Throwable cause) {
        super(message, cause);
    }
}
