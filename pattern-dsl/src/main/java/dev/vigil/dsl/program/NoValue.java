package dev.vigil.dsl.program;

/**
 * Thrown while evaluating when a value does not exist: {@code probe.last} before {@code probe}
 * matched anything, {@code probe[5]} when it matched three events, {@code min} of an empty window.
 * A condition that meets it is false; an alert value that meets it is null. Preallocated and
 * without a stack trace, because it is control flow on the hot path.
 */
public final class NoValue extends RuntimeException {
    public static final NoValue INSTANCE = new NoValue();

    private NoValue() {
        super("no value", null, false, false);
    }
}
