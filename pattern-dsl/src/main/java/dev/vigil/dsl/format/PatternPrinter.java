package dev.vigil.dsl.format;

import dev.vigil.dsl.ast.Pattern;

/** Prints pattern links and terms on one line each. */
final class PatternPrinter {
    private PatternPrinter() {}

    static String link(Pattern.Link l) {
        String word = (l.negated() ? "not " : "") + l.contiguity().keyword;
        return l.within().map(d -> word + " within " + d).orElse(word);
    }

    static String term(Pattern.Term t) {
        StringBuilder b = new StringBuilder();
        if (t instanceof Pattern.Element e) {
            b.append(e.variable().text()).append(": ").append(e.type().text());
            suffix(b, t);
            e.where().ifPresent(w -> b.append(" where ").append(ExprPrinter.print(w)));
            e.until().ifPresent(u -> b.append(" until ").append(ExprPrinter.print(u)));
        } else {
            Pattern.Group g = (Pattern.Group) t;
            g.variable().ifPresent(v -> b.append(v.text()).append(": "));
            b.append('(');
            for (Pattern.Step s : g.pattern().steps()) {
                s.link().ifPresent(l -> b.append(' ').append(link(l)).append(' '));
                b.append(term(s.term()));
            }
            b.append(')');
            suffix(b, t);
        }
        return b.toString();
    }

    private static void suffix(StringBuilder b, Pattern.Term t) {
        t.quantifier().ifPresent(q -> b.append(quantifier(q)));
        t.options().forEach(o -> b.append(' ').append(o.kind().keyword));
    }

    static String quantifier(Pattern.Quantifier q) {
        int min = q.min(), max = q.max();
        if (max == Pattern.Quantifier.UNBOUNDED) {
            return min == 0 ? "*" : min == 1 ? "+" : "{" + min + ",}";
        }
        if (min == 0 && max == 1) {
            return "?";
        }
        return min == max ? "{" + min + "}" : "{" + min + "," + max + "}";
    }
}
