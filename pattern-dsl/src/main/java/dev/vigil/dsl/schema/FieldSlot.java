package dev.vigil.dsl.schema;

/**
 * A declared field resolved to its storage: {@code index} is a position in the event's
 * {@code long[]} (primitive types) or {@code Object[]} (string, decimal); {@code position} is its
 * place in the declaration. Conditions read slots, never names. {@code defaultValue} is null for a
 * required field.
 */
public record FieldSlot(String name, ValueType type, int position, int index, Object defaultValue) {
    public boolean required() {
        return defaultValue == null;
    }
}
