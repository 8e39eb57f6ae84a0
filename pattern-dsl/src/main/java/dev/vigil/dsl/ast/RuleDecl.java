package dev.vigil.dsl.ast;

import java.util.List;
import java.util.Optional;

/** {@code rule card_testing { ... }}: clauses in any order; the checker refuses duplicates. */
public record RuleDecl(Name name, List<Clause> clauses, Comments comments, List<String> closingComments, Span span)
        implements Decl {
    public RuleDecl {
        clauses = List.copyOf(clauses);
        closingComments = List.copyOf(closingComments);
    }

    public sealed interface Clause
            permits Title, Severity, Queue, Key, Version, MaxPartials, Match, Within, Skip, When, Score, Alert {
        Span span();

        Comments comments();
    }

    /**
     * Clause order carries no meaning, so the AST keeps clauses in this canonical order (the parser
     * sorts them, keeping duplicates in source order). Tens group them into header, pattern and
     * outcome, which the formatter separates with a blank line.
     */
    public static int canonicalOrder(Clause c) {
        if (c instanceof Title) {
            return 0;
        }
        if (c instanceof Severity) {
            return 1;
        }
        if (c instanceof Queue) {
            return 2;
        }
        if (c instanceof Key) {
            return 3;
        }
        if (c instanceof Version) {
            return 4;
        }
        if (c instanceof MaxPartials) {
            return 5;
        }
        if (c instanceof Match) {
            return 10;
        }
        if (c instanceof Within) {
            return 11;
        }
        if (c instanceof Skip) {
            return 12;
        }
        if (c instanceof When) {
            return 20;
        }
        return c instanceof Score ? 21 : 22;
    }

    public record Title(String text, Span span, Comments comments) implements Clause {}

    public record Severity(Name level, Span span, Comments comments) implements Clause {}

    public record Queue(String topic, Span span, Comments comments) implements Clause {}

    /** {@code key card_id} or {@code key (card_id, merchant_id)}. */
    public record Key(List<Name> fields, Span span, Comments comments) implements Clause {
        public Key {
            fields = List.copyOf(fields);
        }
    }

    public record Version(long number, Span span, Comments comments) implements Clause {}

    /** {@code max_partials 1000}: the author's bound on open partial matches per key. */
    public record MaxPartials(long limit, Span span, Comments comments) implements Clause {}

    public record Match(Pattern pattern, Span span, Comments comments) implements Clause {}

    /** {@code within 15m}: the whole match must fit in this time from its first event. */
    public record Within(Expr.DurationLit duration, Span span, Comments comments) implements Clause {}

    public record Skip(SkipStrategy strategy, Span span, Comments comments) implements Clause {}

    /** {@code when <condition>}: checked once a match is complete, at the time of its last event. */
    public record When(Expr condition, Span span, Comments comments) implements Clause {}

    /** {@code score "model" { feature: expr, ... }}: the features an ONNX model is fed. */
    public record Score(String model, List<NamedExpr> features, Span span, Comments comments) implements Clause {
        public Score {
            features = List.copyOf(features);
        }
    }

    /** {@code alert if <condition> { name: expr, ... }}: what an alert carries. */
    public record Alert(Optional<Expr> condition, List<NamedExpr> values, Span span, Comments comments)
            implements Clause {
        public Alert {
            values = List.copyOf(values);
        }
    }

    public record NamedExpr(Name name, Expr value) {}

    /** After-match skip strategies, as in Flink CEP's AfterMatchSkipStrategy. */
    public sealed interface SkipStrategy permits NoSkip, SkipToNext, SkipPastLast, SkipToFirst, SkipToLast {}

    public record NoSkip() implements SkipStrategy {}

    public record SkipToNext() implements SkipStrategy {}

    public record SkipPastLast() implements SkipStrategy {}

    public record SkipToFirst(Name variable) implements SkipStrategy {}

    public record SkipToLast(Name variable) implements SkipStrategy {}
}
