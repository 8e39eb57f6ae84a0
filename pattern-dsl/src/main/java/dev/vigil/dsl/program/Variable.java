package dev.vigil.dsl.program;

import dev.vigil.dsl.schema.EventSchema;

/**
 * A pattern variable. {@code looping} when it can match more than one event (its own quantifier,
 * or an enclosing quantified group); {@code absent} for a {@code not} step, which matches nothing;
 * {@code group} for a named group, whose events are those of the variables inside it.
 */
public record Variable(int index, String name, EventSchema type, boolean looping, boolean absent, boolean group) {}
