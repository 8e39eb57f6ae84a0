package dev.vigil.dsl.schema;

/**
 * The types of field values and expressions. {@code int} and {@code long} fields both evaluate
 * as 64-bit integers; {@code int} only narrows what the decoder accepts.
 */
public enum ValueType {
    STRING("string", false), INT("int", true), LONG("long", true), DECIMAL("decimal", false),
    DOUBLE("double", true), BOOLEAN("boolean", true), TIMESTAMP("timestamp", true),
    /** Only as an expression type: {@code 10m}, {@code b.ts - a.ts}. */
    DURATION("duration", true);

    public final String keyword;
    /** Primitive values live in an event's {@code long[]}; the others in its {@code Object[]}. */
    public final boolean primitive;

    ValueType(String keyword, boolean primitive) {
        this.keyword = keyword;
        this.primitive = primitive;
    }

    public boolean isNumeric() {
        return this == INT || this == LONG || this == DECIMAL || this == DOUBLE;
    }

    /** The type an expression of this type evaluates as: int widens to long. */
    public ValueType evaluated() {
        return this == INT ? LONG : this;
    }

    /** Types a field may be declared with (everything but duration). */
    public static ValueType ofFieldKeyword(String keyword) {
        for (ValueType t : values()) {
            if (t != DURATION && t.keyword.equals(keyword)) {
                return t;
            }
        }
        return null;
    }

    /** "an int", "a string": for messages. */
    public String withArticle() {
        return (keyword.startsWith("i") ? "an " : "a ") + keyword;
    }
}
