package dev.vigil.dsl.ast;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Expressions of conditions and alert values. Parentheses are not kept: the printer re-derives them. */
public sealed interface Expr
        permits Expr.Literal, Expr.Path, Expr.Call, Expr.Window, Expr.Negate, Expr.Binary, Expr.Not, Expr.In,
        Expr.InHistory, Expr.Seen, Expr.Matches {
    Span span();

    sealed interface Literal extends Expr permits IntLit, DecimalLit, StringLit, BoolLit, DurationLit {}

    record IntLit(long value, Span span) implements Literal {}

    record DecimalLit(BigDecimal value, Span span) implements Literal {}

    record StringLit(String value, Span span) implements Literal {}

    record BoolLit(boolean value, Span span) implements Literal {}

    /** {@code 15m}: kept in the unit it was written in, so that printing gives it back unchanged. */
    record DurationLit(long amount, TimeUnit unit, Span span) implements Literal {
        public long millis() {
            return amount * unit.millis;
        }

        @Override
        public String toString() {
            return amount + unit.suffix;
        }
    }

    enum TimeUnit {
        MILLIS("ms", 1L), SECONDS("s", 1000L), MINUTES("m", 60_000L), HOURS("h", 3_600_000L),
        DAYS("d", 86_400_000L), WEEKS("w", 604_800_000L);

        public final String suffix;
        public final long millis;

        TimeUnit(String suffix, long millis) {
            this.suffix = suffix;
            this.millis = millis;
        }

        public static TimeUnit ofSuffix(String suffix) {
            for (TimeUnit u : values()) {
                if (u.suffix.equals(suffix)) {
                    return u;
                }
            }
            throw new IllegalArgumentException(suffix);
        }
    }

    /** {@code amount}, {@code big.country}, {@code probe.first.amount}, {@code probe[2].ts}. */
    record Path(Name head, List<Step> steps, Span span) implements Expr {
        public Path {
            steps = List.copyOf(steps);
        }
    }

    sealed interface Step permits FieldStep, IndexStep {}

    record FieldStep(Name name) implements Step {}

    /** {@code [2]}: the i-th event (1-based) matched by a looping variable. */
    record IndexStep(int index, Span span) implements Step {}

    /** {@code lower(country)}, {@code count(probe)}, {@code sum(probe.amount)}, {@code geo_distance(...)}. */
    record Call(Name function, List<Expr> args, Span span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code count(Txn over 10m)}, {@code sum(Txn.amount over 1h)}: a velocity window over the key's history. */
    record Window(Name function, Name eventType, Optional<Name> field, DurationLit over, Span span) implements Expr {}

    record Negate(Expr operand, Span span) implements Expr {}

    record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

    record Not(Expr operand, Span span) implements Expr {}

    /** {@code country in ("US", "CA")}. */
    record In(Expr value, boolean negated, List<Expr> candidates, Span span) implements Expr {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    /** {@code merchant_id not in history(Txn.merchant_id over 90d)}. */
    record InHistory(Expr value, boolean negated, Name eventType, Name field, DurationLit over, Span span)
            implements Expr {}

    /**
     * {@code first_seen(device_id in Login.device_id over 30d)} (or {@code last_seen}): the time of
     * the first (last) event of the key's history with that value.
     */
    record Seen(Name function, Expr value, Name eventType, Name field, DurationLit over, Span span) implements Expr {}

    /** {@code email matches ".*@example\\.com"}: RE2 syntax, linear time. */
    record Matches(Expr value, boolean negated, StringLit regex, Span span) implements Expr {}

    enum BinaryOp {
        MUL("*", 6), DIV("/", 6), MOD("%", 6), ADD("+", 5), SUB("-", 5),
        EQ("=", 4), NE("!=", 4), LT("<", 4), LE("<=", 4), GT(">", 4), GE(">=", 4),
        AND("and", 2), OR("or", 1);

        public final String symbol;
        /** Higher binds tighter; `not` sits at 3, `in` and `matches` at 4 with comparisons. */
        public final int precedence;

        BinaryOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public boolean isComparison() {
            return precedence == 4;
        }
    }
}
