package io.hwnas.transform;

/**
 * A rewrite that does not apply, or would not be exact, at a node. The message names the node, the
 * field and the reason, so a refusal reads as a diagnosis rather than a stack trace.
 */
public final class TransformException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String node;
    private final String reason;

    public TransformException(String node, String reason) {
        super("node '" + node + "': " + reason);
        this.node = node;
        this.reason = reason;
    }

    /** The same refusal with context appended, e.g. which larger rewrite needed the failed step. */
    public TransformException within(String context) {
        return new TransformException(node, reason + " (" + context + ")");
    }

    /** The node the refusal is about. */
    public String node() {
        return node;
    }

    /** The message without the node prefix. */
    public String reason() {
        return reason;
    }
}
