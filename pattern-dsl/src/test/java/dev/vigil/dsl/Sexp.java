package dev.vigil.dsl;

import dev.vigil.dsl.ast.Expr;
import java.util.stream.Collectors;

/**
 * A test-only rendering of expression ASTs as S-expressions, {@code (and (< amount 5) online)},
 * written independently of the formatter so that grammar tests state the expected tree plainly.
 */
final class Sexp {
    private Sexp() {}

    static String of(Expr e) {
        if (e instanceof Expr.IntLit i) {
            return "int:" + i.value();
        }
        if (e instanceof Expr.DecimalLit d) {
            return "dec:" + d.value().toPlainString();
        }
        if (e instanceof Expr.StringLit s) {
            return "'" + s.value() + "'";
        }
        if (e instanceof Expr.BoolLit b) {
            return String.valueOf(b.value());
        }
        if (e instanceof Expr.DurationLit d) {
            return "dur:" + d.millis() + "ms";
        }
        if (e instanceof Expr.Path p) {
            return p.head().text() + p.steps().stream().map(s -> s instanceof Expr.FieldStep f ? "." + f.name().text()
                    : "[" + ((Expr.IndexStep) s).index() + "]").collect(Collectors.joining());
        }
        if (e instanceof Expr.Call c) {
            return "(" + c.function().text() + c.args().stream().map(a -> " " + of(a)).collect(Collectors.joining()) + ")";
        }
        if (e instanceof Expr.Window w) {
            return "(window " + w.function().text() + " " + w.eventType().text() + w.field().map(f -> "." + f.text()).orElse("")
                    + " " + w.over().millis() + "ms)";
        }
        if (e instanceof Expr.Negate n) {
            return "(neg " + of(n.operand()) + ")";
        }
        if (e instanceof Expr.Not n) {
            return "(not " + of(n.operand()) + ")";
        }
        if (e instanceof Expr.Binary b) {
            return "(" + b.op().symbol + " " + of(b.left()) + " " + of(b.right()) + ")";
        }
        if (e instanceof Expr.In in) {
            return "(" + (in.negated() ? "not-in " : "in ") + of(in.value())
                    + in.candidates().stream().map(c -> " " + of(c)).collect(Collectors.joining()) + ")";
        }
        if (e instanceof Expr.InHistory h) {
            return "(" + (h.negated() ? "not-in-history " : "in-history ") + of(h.value()) + " " + h.eventType().text() + "."
                    + h.field().text() + " " + h.over().millis() + "ms)";
        }
        if (e instanceof Expr.Seen seen) {
            return "(" + seen.function().text() + " " + of(seen.value()) + " " + seen.eventType().text() + "."
                    + seen.field().text() + " " + seen.over().millis() + "ms)";
        }
        Expr.Matches m = (Expr.Matches) e;
        return "(" + (m.negated() ? "not-matches " : "matches ") + of(m.value()) + " '" + m.regex().value() + "')";
    }
}
