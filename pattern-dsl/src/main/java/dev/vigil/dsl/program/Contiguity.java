package dev.vigil.dsl.program;

/** Which events may lie between two matched events of one key. */
public enum Contiguity {
    /** {@code next}: none. */
    STRICT,
    /** {@code then}: non-matching events are skipped; a matching one is taken. */
    RELAXED,
    /** {@code then any}: non-matching events are skipped; a matching one may be taken or skipped. */
    NON_DETERMINISTIC
}
