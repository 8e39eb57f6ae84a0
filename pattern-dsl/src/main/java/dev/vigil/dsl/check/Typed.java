package dev.vigil.dsl.check;

import dev.vigil.dsl.program.Evaluators.BoolEval;
import dev.vigil.dsl.program.Evaluators.DecimalEval;
import dev.vigil.dsl.program.Evaluators.DoubleEval;
import dev.vigil.dsl.program.Evaluators.Eval;
import dev.vigil.dsl.program.Evaluators.LongEval;
import dev.vigil.dsl.program.Evaluators.StringEval;
import dev.vigil.dsl.program.EvalContext;
import dev.vigil.dsl.program.NoValue;
import dev.vigil.dsl.schema.ValueType;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * A type-checked, compiled expression. {@code type} is the type as written (an int literal is an
 * int, for messages); {@code eval} is the evaluator of {@code type.evaluated()}. {@code constant}
 * when it reads nothing from the match, so the compiler may evaluate it once.
 */
record Typed(ValueType type, Eval eval, boolean constant) {
    /** A placeholder for an expression that failed to check; its errors are already reported. */
    static final Typed ERROR = new Typed(null, null, true);

    boolean failed() {
        return type == null;
    }

    BoolEval bool() {
        return (BoolEval) eval;
    }

    StringEval string() {
        return (StringEval) eval;
    }

    /** int, long, timestamp, duration. */
    LongEval longs() {
        return (LongEval) eval;
    }

    DoubleEval asDouble() {
        ValueType t = type.evaluated();
        if (t == ValueType.DOUBLE) {
            return (DoubleEval) eval;
        }
        if (t == ValueType.DECIMAL) {
            DecimalEval d = (DecimalEval) eval;
            return ctx -> d.eval(ctx).doubleValue();
        }
        LongEval l = (LongEval) eval;
        return ctx -> l.eval(ctx);
    }

    DecimalEval asDecimal() {
        if (type.evaluated() == ValueType.DECIMAL) {
            return (DecimalEval) eval;
        }
        LongEval l = (LongEval) eval;
        if (constant) {
            // `amount >= 300`: the literal becomes a decimal once, not at every event.
            try {
                BigDecimal v = BigDecimal.valueOf(l.eval(null));
                return ctx -> v;
            } catch (NoValue none) {
                // `x % 0`: no value, as at every evaluation; left to them
            }
        }
        return ctx -> BigDecimal.valueOf(l.eval(ctx));
    }

    /** The value as a Java object of the type's natural class, or null when it does not exist. */
    Function<EvalContext, Object> boxed() {
        Function<EvalContext, Object> raw = boxedOrThrow();
        return ctx -> {
            try {
                return raw.apply(ctx);
            } catch (NoValue missing) {
                return null;
            }
        };
    }

    Function<EvalContext, Object> boxedOrThrow() {
        switch (type.evaluated()) {
            case BOOLEAN: {
                BoolEval b = bool();
                return b::test;
            }
            case STRING: {
                StringEval s = string();
                return s::eval;
            }
            case DECIMAL: {
                DecimalEval d = (DecimalEval) eval;
                return d::eval;
            }
            case DOUBLE: {
                DoubleEval d = (DoubleEval) eval;
                return d::eval;
            }
            default: {
                LongEval l = longs();
                return l::eval;
            }
        }
    }
}
