package dev.vigil.dsl.format;

import dev.vigil.dsl.ast.Expr;
import java.util.List;

/** Prints expressions with the fewest parentheses that keep their meaning. */
final class ExprPrinter {
    private static final int NOT = 3;
    private static final int COMPARISON = 4;
    private static final int NEGATE = 7;
    private static final int ATOM = 8;

    private ExprPrinter() {}

    static String print(Expr e) {
        if (e instanceof Expr.IntLit i) {
            return Long.toString(i.value());
        }
        if (e instanceof Expr.DecimalLit d) {
            return d.value().toPlainString();
        }
        if (e instanceof Expr.StringLit s) {
            return quote(s.value());
        }
        if (e instanceof Expr.BoolLit b) {
            return Boolean.toString(b.value());
        }
        if (e instanceof Expr.DurationLit d) {
            return d.toString();
        }
        if (e instanceof Expr.Path p) {
            StringBuilder b = new StringBuilder(p.head().text());
            for (Expr.Step s : p.steps()) {
                if (s instanceof Expr.FieldStep f) {
                    b.append('.').append(f.name().text());
                } else {
                    b.append('[').append(((Expr.IndexStep) s).index()).append(']');
                }
            }
            return b.toString();
        }
        if (e instanceof Expr.Call c) {
            return c.function().text() + "(" + String.join(", ", c.args().stream().map(ExprPrinter::print).toList()) + ")";
        }
        if (e instanceof Expr.Window w) {
            return w.function().text() + "(" + w.eventType().text() + w.field().map(f -> "." + f.text()).orElse("")
                    + " over " + w.over() + ")";
        }
        if (e instanceof Expr.Negate n) {
            String operand = operand(n.operand(), NEGATE + 1);
            return "-" + (operand.startsWith("-") ? "(" + operand + ")" : operand);
        }
        if (e instanceof Expr.Not n) {
            return "not " + operand(n.operand(), NOT);
        }
        if (e instanceof Expr.Binary b) {
            int p = b.op().precedence;
            // Comparisons do not chain, so a comparison inside one always keeps its parentheses.
            int leftMin = b.op().isComparison() ? p + 1 : p;
            return operand(b.left(), leftMin) + " " + b.op().symbol + " " + operand(b.right(), p + 1);
        }
        if (e instanceof Expr.In in) {
            List<String> items = in.candidates().stream().map(ExprPrinter::print).toList();
            return operand(in.value(), COMPARISON + 1) + (in.negated() ? " not in (" : " in (") + String.join(", ", items) + ")";
        }
        if (e instanceof Expr.Seen seen) {
            return seen.function().text() + "(" + operand(seen.value(), COMPARISON + 1) + " in " + seen.eventType().text()
                    + "." + seen.field().text() + " over " + seen.over() + ")";
        }
        if (e instanceof Expr.InHistory h) {
            return operand(h.value(), COMPARISON + 1) + (h.negated() ? " not in " : " in ") + "history("
                    + h.eventType().text() + "." + h.field().text() + " over " + h.over() + ")";
        }
        Expr.Matches m = (Expr.Matches) e;
        return operand(m.value(), COMPARISON + 1) + (m.negated() ? " not matches " : " matches ") + quote(m.regex().value());
    }

    private static String operand(Expr e, int minPrecedence) {
        String text = print(e);
        return precedence(e) < minPrecedence ? "(" + text + ")" : text;
    }

    private static int precedence(Expr e) {
        if (e instanceof Expr.Binary b) {
            return b.op().precedence;
        }
        if (e instanceof Expr.In || e instanceof Expr.InHistory || e instanceof Expr.Matches) {
            return COMPARISON;
        }
        if (e instanceof Expr.Not) {
            return NOT;
        }
        if (e instanceof Expr.Negate) {
            return NEGATE;
        }
        if (e instanceof Expr.IntLit i && i.value() < 0 || e instanceof Expr.DecimalLit d && d.value().signum() < 0) {
            return NEGATE;
        }
        return ATOM;
    }

    /**
     * Quotes a string so that parsing gives it back: quotes, newlines and tabs are escaped, and a
     * backslash is doubled only where it would otherwise start an escape (so regexes stay readable).
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> {
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
                    boolean escapeLike = next == '"' || next == '\\' || next == 'n' || next == 't' || next == '\0';
                    b.append(escapeLike ? "\\\\" : "\\");
                }
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
