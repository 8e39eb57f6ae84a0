package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.schema.ValueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Converts a literal written in a pattern file (a field default, a value in a rule test) to a
 * Java value of a declared type: Long for int/long/timestamp/duration, Double, BigDecimal,
 * Boolean, String. Timestamps are ISO-8601 strings ("2026-01-01T10:00:00Z") or epoch milliseconds.
 */
final class LiteralValues {
    private LiteralValues() {}

    /** The converted value, or null when the literal does not fit the type. */
    static Object convert(Expr.Literal literal, ValueType type) {
        switch (type) {
            case STRING:
                return literal instanceof Expr.StringLit s ? s.value() : null;
            case INT:
                if (literal instanceof Expr.IntLit i && i.value() >= Integer.MIN_VALUE && i.value() <= Integer.MAX_VALUE) {
                    return i.value();
                }
                return null;
            case LONG:
                return literal instanceof Expr.IntLit i ? i.value() : null;
            case DECIMAL:
                if (literal instanceof Expr.IntLit i) {
                    return BigDecimal.valueOf(i.value());
                }
                return literal instanceof Expr.DecimalLit d ? d.value() : null;
            case DOUBLE:
                if (literal instanceof Expr.IntLit i) {
                    return (double) i.value();
                }
                return literal instanceof Expr.DecimalLit d ? d.value().doubleValue() : null;
            case BOOLEAN:
                return literal instanceof Expr.BoolLit b ? b.value() : null;
            case TIMESTAMP:
                if (literal instanceof Expr.IntLit i) {
                    return i.value();
                }
                return literal instanceof Expr.StringLit s ? parseTimestamp(s.value()) : null;
            default:
                return literal instanceof Expr.DurationLit d ? d.millis() : null;
        }
    }

    /** Epoch milliseconds of an ISO-8601 instant or offset date-time, or null. */
    static Long parseTimestamp(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** The type a literal has on its own, for messages. */
    static ValueType typeOf(Expr.Literal literal) {
        if (literal instanceof Expr.IntLit) {
            return ValueType.INT;
        }
        if (literal instanceof Expr.DecimalLit) {
            return ValueType.DECIMAL;
        }
        if (literal instanceof Expr.StringLit) {
            return ValueType.STRING;
        }
        if (literal instanceof Expr.BoolLit) {
            return ValueType.BOOLEAN;
        }
        return ValueType.DURATION;
    }

    static String mismatch(String what, ValueType wanted, Expr.Literal literal, String literalText) {
        ValueType got = typeOf(literal);
        if (wanted == ValueType.TIMESTAMP && got == ValueType.STRING) {
            return "`" + literalText + "` is not a timestamp";
        }
        if (wanted == ValueType.INT && got == ValueType.INT) {
            return "`" + literalText + "` does not fit in an int";
        }
        return "type mismatch: `" + what + "` is " + wanted.withArticle() + ", `" + literalText + "` is " + got.withArticle();
    }
}
