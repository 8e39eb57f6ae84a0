package dev.vigil.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Pattern;
import dev.vigil.dsl.ast.RuleDecl;
import dev.vigil.dsl.ast.VglFile;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.parse.VglParser;
import java.util.Optional;

/** Test helpers: parse snippets and pull out the piece a test looks at. */
final class Parsing {
    private Parsing() {}

    static VglFile file(String text) {
        Diagnostics d = new Diagnostics();
        Optional<VglParser.Parsed> p = VglParser.parse("t.vgl", text, d);
        assertTrue(p.isPresent(), () -> "does not parse: " + d.sorted());
        return p.get().file();
    }

    static RuleDecl rule(String body) {
        return (RuleDecl) file("rule r {\n" + body + "\n}\n").decls().get(0);
    }

    static <T extends RuleDecl.Clause> T clause(RuleDecl rule, Class<T> type) {
        return rule.clauses().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    static Pattern pattern(String pattern) {
        return clause(rule("key k\nmatch " + pattern + "\nwithin 1h"), RuleDecl.Match.class).pattern();
    }

    static Expr expr(String expression) {
        return clause(rule("when " + expression), RuleDecl.When.class).condition();
    }

    static String sexp(String expression) {
        return Sexp.of(expr(expression));
    }
}
