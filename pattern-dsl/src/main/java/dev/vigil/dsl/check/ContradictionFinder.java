package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds conditions that can never be true because their {@code and}-ed comparisons of one field
 * with constants exclude each other: {@code amount < 5 and amount > 10}, {@code country = "US" and
 * country = "FR"}. Such a step never matches, so its rule never fires: a mistake worth refusing.
 */
final class ContradictionFinder {
    private ContradictionFinder() {}

    /** A reason the condition is never true, with the span of the comparison that closes the range; or null. */
    record Contradiction(Span span, String reason) {}

    static Contradiction find(Expr condition, java.util.function.Function<Expr, String> text) {
        List<Expr.Binary> comparisons = new ArrayList<>();
        conjuncts(condition, comparisons);
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (Expr.Binary b : comparisons) {
            Bound bound = bound(b);
            if (bound == null) {
                continue;
            }
            String subject = text.apply(bound.subject);
            Range r = ranges.computeIfAbsent(subject, k -> new Range());
            String reason = r.add(bound, subject);
            if (reason != null) {
                return new Contradiction(b.span(), reason);
            }
        }
        return null;
    }

    private static void conjuncts(Expr e, List<Expr.Binary> out) {
        if (e instanceof Expr.Binary b) {
            if (b.op() == Expr.BinaryOp.AND) {
                conjuncts(b.left(), out);
                conjuncts(b.right(), out);
            } else if (b.op().isComparison()) {
                out.add(b);
            }
        }
    }

    /** {@code subject op constant}, normalised so the constant is on the right. */
    private record Bound(Expr subject, Expr.BinaryOp op, Object constant) {}

    private static Bound bound(Expr.Binary b) {
        Object right = constant(b.right());
        if (right != null && b.left() instanceof Expr.Path) {
            return new Bound(b.left(), b.op(), right);
        }
        Object left = constant(b.left());
        if (left != null && b.right() instanceof Expr.Path) {
            return new Bound(b.right(), flip(b.op()), left);
        }
        return null;
    }

    private static Object constant(Expr e) {
        if (e instanceof Expr.IntLit i) {
            return BigDecimal.valueOf(i.value());
        }
        if (e instanceof Expr.DecimalLit d) {
            return d.value();
        }
        if (e instanceof Expr.StringLit s) {
            return s.value();
        }
        return null;
    }

    private static Expr.BinaryOp flip(Expr.BinaryOp op) {
        return switch (op) {
            case LT -> Expr.BinaryOp.GT;
            case LE -> Expr.BinaryOp.GE;
            case GT -> Expr.BinaryOp.LT;
            case GE -> Expr.BinaryOp.LE;
            default -> op;
        };
    }

    /** The values a subject may still take: an interval for numbers, one value for an equality. */
    private static final class Range {
        BigDecimal low;
        boolean lowInclusive;
        BigDecimal high;
        boolean highInclusive;
        Object equal;

        String add(Bound b, String subject) {
            if (b.op == Expr.BinaryOp.EQ) {
                if (equal != null && !same(equal, b.constant)) {
                    return "`" + subject + "` cannot equal " + show(equal) + " and " + show(b.constant) + " at once";
                }
                equal = b.constant;
            } else if (b.op != Expr.BinaryOp.NE && b.constant instanceof BigDecimal v) {
                boolean upper = b.op == Expr.BinaryOp.LT || b.op == Expr.BinaryOp.LE;
                boolean inclusive = b.op == Expr.BinaryOp.LE || b.op == Expr.BinaryOp.GE;
                if (upper && (high == null || v.compareTo(high) < 0 || v.compareTo(high) == 0 && !inclusive)) {
                    high = v;
                    highInclusive = inclusive;
                } else if (!upper && (low == null || v.compareTo(low) > 0 || v.compareTo(low) == 0 && !inclusive)) {
                    low = v;
                    lowInclusive = inclusive;
                }
            } else {
                return null;
            }
            if (equal instanceof BigDecimal e) {
                if (low != null && (e.compareTo(low) < 0 || e.compareTo(low) == 0 && !lowInclusive)
                        || high != null && (e.compareTo(high) > 0 || e.compareTo(high) == 0 && !highInclusive)) {
                    return "`" + subject + "` cannot equal " + show(e) + " and lie " + describe() + " at once";
                }
            }
            if (low != null && high != null) {
                int c = low.compareTo(high);
                if (c > 0 || c == 0 && !(lowInclusive && highInclusive)) {
                    return "`" + subject + "` cannot be " + describe() + " at once";
                }
            }
            return null;
        }

        private String describe() {
            List<String> parts = new ArrayList<>();
            if (low != null) {
                parts.add((lowInclusive ? "at least " : "above ") + low.toPlainString());
            }
            if (high != null) {
                parts.add((highInclusive ? "at most " : "below ") + high.toPlainString());
            }
            return String.join(" and ", parts);
        }

        private static boolean same(Object a, Object b) {
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y) == 0;
            }
            return a.equals(b);
        }

        private static String show(Object v) {
            return v instanceof BigDecimal d ? d.toPlainString() : "\"" + v + "\"";
        }
    }
}
