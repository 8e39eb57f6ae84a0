package dev.vigil.dsl.program;

import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;

/** A history look-up a rule reads: the values of {@code field} seen on {@code source} events of the key in the last {@code overMillis}. */
public record HistorySpec(int index, EventSchema source, FieldSlot field, long overMillis) {}
