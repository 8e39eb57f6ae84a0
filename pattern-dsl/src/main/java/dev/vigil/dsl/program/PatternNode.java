package dev.vigil.dsl.program;

import dev.vigil.dsl.program.Evaluators.BoolEval;
import dev.vigil.dsl.schema.EventSchema;
import java.util.List;
import java.util.Optional;

/**
 * The compiled pattern, a tree the NFA compiler of {@code nfa-engine} turns into states (the
 * shape of Flink CEP's Pattern that NFACompiler reads). Conditions are compiled and already
 * wrapped so that a missing value makes them false.
 */
public sealed interface PatternNode permits PatternNode.Sequence, PatternNode.Stage, PatternNode.Group {

    /** Steps in order; the first step's link is unused. */
    record Sequence(List<Step> steps) implements PatternNode {
        public Sequence {
            steps = List.copyOf(steps);
        }
    }

    /**
     * How a node follows the previous one: contiguity, whether it is an absence ({@code not next},
     * {@code not then}), and the longest gap allowed since the previous matched event (0 = no bound).
     */
    record Step(Contiguity contiguity, boolean absent, long gapMillis, PatternNode node) {}

    /** One event type with a condition, matched {@code quantifier} times. */
    record Stage(Variable variable, EventSchema type, Quantifier quantifier, BoolEval where,
                 Optional<BoolEval> until) implements PatternNode {}

    /** A parenthesised sub-pattern, matched {@code quantifier} times; {@code variable} is set when named. */
    record Group(Optional<Variable> variable, Sequence body, Quantifier quantifier) implements PatternNode {}
}
