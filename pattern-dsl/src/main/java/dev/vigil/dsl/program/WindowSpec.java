package dev.vigil.dsl.program;

import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.util.Optional;

/**
 * A velocity window a rule reads: {@code function} of {@code field} over the events of
 * {@code source} for the same key in the last {@code overMillis} before the current event's time.
 * {@code resultType} says which {@link EvalContext} accessor returns it.
 */
public record WindowSpec(int index, Function function, EventSchema source, Optional<FieldSlot> field,
                         long overMillis, ValueType resultType) {
    public enum Function {
        COUNT, SUM, AVG, MIN, MAX, DISTINCT;

        public String keyword() {
            return name().toLowerCase();
        }
    }
}
