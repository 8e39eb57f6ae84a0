package dev.vigil.dsl.ast;

import java.util.List;
import java.util.Optional;

/**
 * A sequence of pattern terms joined by links. The first step has no link; every later step says
 * how it follows the one before ({@code next}, {@code then}, {@code then any}, {@code not ...}).
 */
public record Pattern(List<Step> steps, Span span) {
    public Pattern {
        steps = List.copyOf(steps);
    }

    public record Step(Optional<Link> link, Term term, Comments comments) {}

    /** How a term follows the previous one. */
    public enum Contiguity {
        /** {@code next}: the very next event of the key. */
        STRICT("next"),
        /** {@code then}: the next event that matches, skipping those that do not. */
        RELAXED("then"),
        /** {@code then any}: any later matching event; every choice starts its own match. */
        NON_DETERMINISTIC("then any");

        public final String keyword;

        Contiguity(String keyword) {
            this.keyword = keyword;
        }
    }

    /** {@code then}, {@code not next within 5m}, ...; {@code within} bounds the gap to the previous event. */
    public record Link(Contiguity contiguity, boolean negated, Optional<Expr.DurationLit> within, Span span) {}

    public sealed interface Term permits Element, Group {
        Optional<Quantifier> quantifier();

        List<LoopOption> options();

        Span span();
    }

    /** {@code probe: Txn{3,} greedy where amount < 5 until amount > 100}. */
    public record Element(Name variable, Name type, Optional<Quantifier> quantifier, List<LoopOption> options,
                          Optional<Expr> where, Optional<Expr> until, Span span) implements Term {
        public Element {
            options = List.copyOf(options);
        }
    }

    /** {@code burst: (a: Txn then b: Txn){2,}}: a quantifiable sub-pattern. */
    public record Group(Optional<Name> variable, Pattern pattern, Optional<Quantifier> quantifier,
                        List<LoopOption> options, Span span) implements Term {
        public Group {
            options = List.copyOf(options);
        }
    }

    /** {@code {n}}, {@code {n,}}, {@code {n,m}}, {@code +}, {@code *}, {@code ?}; max is -1 when unbounded. */
    public record Quantifier(int min, int max, Span span) {
        public static final int UNBOUNDED = -1;

        public boolean unbounded() {
            return max == UNBOUNDED;
        }

        public boolean loops() {
            return max == UNBOUNDED || max > 1;
        }
    }

    public record LoopOption(Kind kind, Span span) {
        public enum Kind {
            GREEDY("greedy"), RELUCTANT("reluctant"), CONSECUTIVE("consecutive"), COMBINATIONS("combinations");

            public final String keyword;

            Kind(String keyword) {
                this.keyword = keyword;
            }
        }
    }
}
