package dev.vigil.dsl.program;

import java.math.BigDecimal;

/**
 * Compiled expressions, one functional interface per evaluated type so that numbers and booleans
 * are never boxed on the per-event path. The compiler builds trees of these lambdas; each field
 * read is a typed array load from an {@link dev.vigil.dsl.schema.Event}.
 */
public final class Evaluators {
    private Evaluators() {}

    /** Marker of every compiled expression. */
    public interface Eval {}

    @FunctionalInterface
    public interface BoolEval extends Eval {
        boolean test(EvalContext ctx);
    }

    /** int, long, timestamp (epoch ms) and duration (ms) values. */
    @FunctionalInterface
    public interface LongEval extends Eval {
        long eval(EvalContext ctx);
    }

    @FunctionalInterface
    public interface DoubleEval extends Eval {
        double eval(EvalContext ctx);
    }

    @FunctionalInterface
    public interface DecimalEval extends Eval {
        BigDecimal eval(EvalContext ctx);
    }

    @FunctionalInterface
    public interface StringEval extends Eval {
        String eval(EvalContext ctx);
    }

    /** A condition as the engine runs it: a missing value makes it false instead of failing. */
    public static BoolEval condition(BoolEval body) {
        return ctx -> {
            try {
                return body.test(ctx);
            } catch (NoValue missing) {
                return false;
            }
        };
    }
}
