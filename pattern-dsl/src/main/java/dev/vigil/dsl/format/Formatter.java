package dev.vigil.dsl.format;

import dev.vigil.dsl.ast.Comments;
import dev.vigil.dsl.ast.Decl;
import dev.vigil.dsl.ast.EventDecl;
import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Pattern;
import dev.vigil.dsl.ast.RuleDecl;
import dev.vigil.dsl.ast.TestDecl;
import dev.vigil.dsl.ast.VglFile;
import java.util.List;

/**
 * Prints an AST in Vigil's canonical layout: two-space indentation, clauses in a fixed order,
 * one pattern step per line, minimal parentheses. Printing is a pure function of the AST, so
 * formatting twice changes nothing, and the printed text parses back to the same AST.
 */
public final class Formatter {
    private static final String INDENT = "  ";
    private static final String STEP_INDENT = "    ";

    private final StringBuilder out = new StringBuilder();
    private int comments;

    private Formatter() {}

    /** The canonical text of a file, and how many comments it carries. */
    public record Result(String text, int commentCount) {}

    public static Result format(VglFile file) {
        Formatter f = new Formatter();
        f.file(file);
        return new Result(f.out.toString(), f.comments);
    }

    /** The canonical text of one expression (used in messages and tests). */
    public static String expression(Expr e) {
        return ExprPrinter.print(e);
    }

    private void file(VglFile file) {
        for (VglFile.Import i : file.imports()) {
            leading(i.comments(), "");
            out.append("import ").append(ExprPrinter.quote(i.target()));
            trailing(i.comments());
            out.append('\n');
        }
        boolean first = file.imports().isEmpty();
        for (Decl d : file.decls()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            if (d instanceof EventDecl e) {
                event(e);
            } else if (d instanceof RuleDecl r) {
                rule(r);
            } else {
                test((TestDecl) d);
            }
        }
        if (!file.closingComments().isEmpty()) {
            out.append('\n');
            for (String c : withoutTrailingGap(file.closingComments())) {
                comment(c, "");
            }
        }
    }

    // ------------------------------------------------------------------ events

    private void event(EventDecl e) {
        open(e.comments(), "event " + e.name().text());
        boolean inFields = false;
        for (EventDecl.Clause c : e.clauses()) {
            boolean field = c instanceof EventDecl.Field;
            if (field && !inFields && c != e.clauses().get(0)) {
                out.append('\n');
            }
            inFields |= field;
            line(c.comments(), INDENT, eventClause(c));
        }
        close(e.closingComments());
    }

    private static String eventClause(EventDecl.Clause c) {
        if (c instanceof EventDecl.Source s) {
            String text = "from " + ExprPrinter.quote(s.topic());
            if (s.discriminatorField().isPresent()) {
                text += " where " + s.discriminatorField().get().text() + " = " + ExprPrinter.quote(s.discriminatorValue().get());
            }
            return text;
        }
        if (c instanceof EventDecl.IdField i) {
            return "id " + i.field().text();
        }
        if (c instanceof EventDecl.TimeField t) {
            return "time " + t.field().text();
        }
        if (c instanceof EventDecl.OutOfOrder o) {
            return "out_of_order " + o.bound();
        }
        if (c instanceof EventDecl.Lateness l) {
            return "lateness " + l.bound();
        }
        EventDecl.Field f = (EventDecl.Field) c;
        return f.name().text() + ": " + f.type().text() + f.defaultValue().map(d -> " = " + ExprPrinter.print(d)).orElse("");
    }

    // ------------------------------------------------------------------ rules

    private void rule(RuleDecl r) {
        open(r.comments(), "rule " + r.name().text());
        int group = -1;
        for (RuleDecl.Clause c : r.clauses()) {
            int g = RuleDecl.canonicalOrder(c) / 10;
            if (group >= 0 && g != group) {
                out.append('\n');
            }
            group = g;
            ruleClause(c);
        }
        close(r.closingComments());
    }

    private void ruleClause(RuleDecl.Clause c) {
        if (c instanceof RuleDecl.Match m) {
            line(m.comments(), INDENT, "match");
            pattern(m.pattern());
            return;
        }
        if (c instanceof RuleDecl.Score s) {
            block(s.comments(), "score " + ExprPrinter.quote(s.model()), s.features(), true);
            return;
        }
        if (c instanceof RuleDecl.Alert a) {
            String head = "alert" + a.condition().map(e -> " if " + ExprPrinter.print(e)).orElse("");
            block(a.comments(), head, a.values(), false);
            return;
        }
        line(c.comments(), INDENT, simpleClause(c));
    }

    private static String simpleClause(RuleDecl.Clause c) {
        if (c instanceof RuleDecl.Title t) {
            return "title " + ExprPrinter.quote(t.text());
        }
        if (c instanceof RuleDecl.Severity s) {
            return "severity " + s.level().text();
        }
        if (c instanceof RuleDecl.Queue q) {
            return "queue " + ExprPrinter.quote(q.topic());
        }
        if (c instanceof RuleDecl.Key k) {
            List<String> names = k.fields().stream().map(n -> n.text()).toList();
            return "key " + (names.size() == 1 ? names.get(0) : "(" + String.join(", ", names) + ")");
        }
        if (c instanceof RuleDecl.Version v) {
            return "version " + v.number();
        }
        if (c instanceof RuleDecl.MaxPartials m) {
            return "max_partials " + m.limit();
        }
        if (c instanceof RuleDecl.Within w) {
            return "within " + w.duration();
        }
        if (c instanceof RuleDecl.Skip s) {
            return "after match " + skip(s.strategy());
        }
        return "when " + ExprPrinter.print(((RuleDecl.When) c).condition());
    }

    private static String skip(RuleDecl.SkipStrategy s) {
        if (s instanceof RuleDecl.NoSkip) {
            return "skip none";
        }
        if (s instanceof RuleDecl.SkipToNext) {
            return "skip to next";
        }
        if (s instanceof RuleDecl.SkipPastLast) {
            return "skip past last";
        }
        if (s instanceof RuleDecl.SkipToFirst f) {
            return "skip to first " + f.variable().text();
        }
        return "skip to last " + ((RuleDecl.SkipToLast) s).variable().text();
    }

    private void block(Comments c, String head, List<RuleDecl.NamedExpr> values, boolean alwaysBraces) {
        if (values.isEmpty()) {
            line(c, INDENT, alwaysBraces ? head + " {}" : head);
            return;
        }
        line(c, INDENT, head + " {");
        for (int i = 0; i < values.size(); i++) {
            RuleDecl.NamedExpr n = values.get(i);
            out.append(INDENT).append(INDENT).append(n.name().text()).append(": ").append(ExprPrinter.print(n.value()))
                    .append(i + 1 < values.size() ? "," : "").append('\n');
        }
        out.append(INDENT).append("}\n");
    }

    private void pattern(Pattern p) {
        for (Pattern.Step step : p.steps()) {
            String text = step.link().map(l -> PatternPrinter.link(l) + " ").orElse("") + PatternPrinter.term(step.term());
            line(step.comments(), STEP_INDENT, text);
        }
    }

    // ------------------------------------------------------------------ tests

    private void test(TestDecl t) {
        open(t.comments(), "test " + t.name().text() + " " + ExprPrinter.quote(t.title()));
        for (TestDecl.Statement s : t.statements()) {
            line(s.comments(), INDENT, testStatement(s));
        }
        close(t.closingComments());
    }

    private static String testStatement(TestDecl.Statement s) {
        if (s instanceof TestDecl.EventLine e) {
            return e.type().text() + " " + fieldValues(e.values());
        }
        if (s instanceof TestDecl.ExpectAlert a) {
            String text = "expect alert" + a.rule().map(r -> " " + r.text()).orElse("");
            return a.values().isEmpty() ? text : text + " " + fieldValues(a.values());
        }
        return "expect no alerts";
    }

    private static String fieldValues(List<TestDecl.FieldValue> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        List<String> parts = values.stream().map(v -> v.name().text() + ": " + ExprPrinter.print(v.value())).toList();
        return "{ " + String.join(", ", parts) + " }";
    }

    // ------------------------------------------------------------------ layout and comments

    private void open(Comments c, String head) {
        leading(c, "");
        out.append(head).append(" {");
        trailing(c);
        out.append('\n');
    }

    private void close(List<String> closingComments) {
        for (String c : withoutTrailingGap(closingComments)) {
            comment(c, INDENT);
        }
        out.append("}\n");
    }

    private void line(Comments c, String indent, String text) {
        leading(c, indent);
        out.append(indent).append(text);
        trailing(c);
        out.append('\n');
    }

    private void leading(Comments c, String indent) {
        for (String line : c.leading()) {
            comment(line, indent);
        }
    }

    private void trailing(Comments c) {
        if (c.trailing() != null) {
            out.append("  ").append(c.trailing().strip());
            comments++;
        }
    }

    /** A blank line before a closing brace or the end of the file is not worth keeping. */
    private static List<String> withoutTrailingGap(List<String> comments) {
        return !comments.isEmpty() && comments.get(comments.size() - 1).isEmpty()
                ? comments.subList(0, comments.size() - 1) : comments;
    }

    private void comment(String text, String indent) {
        if (text.isEmpty()) {
            out.append('\n');
            return;
        }
        out.append(indent).append(text.strip()).append('\n');
        comments++;
    }
}
