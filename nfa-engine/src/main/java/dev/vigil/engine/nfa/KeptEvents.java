package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.schema.Event;
import java.util.Set;

/**
 * What a rule's waiting partial matches keep of the events they took: each event with only the
 * string and decimal fields the rule reads of it later ({@link RuleProgram#keptReferences}), so
 * the others need not stay alive (or be written to state) for the run's hours or days. Primitives
 * and the record as read are shared with the event. Events without a record as read (made in
 * rule tests, rendered from their fields in alerts) are kept whole.
 */
final class KeptEvents {
    /** By variable index: which reference slots to keep, or null when the rule reads them all later. */
    private final boolean[][] references;
    // The current step's copies, by variable, so that runs taking the same event share one.
    private final Event[] from;
    private final Event[] copy;

    KeptEvents(RuleProgram rule) {
        int variables = rule.variables().size();
        this.references = new boolean[variables][];
        for (Variable v : rule.variables()) {
            Set<Integer> read = rule.keptReferences().get(v.index());
            if (read.size() < v.type().referenceCount()) {
                boolean[] keep = new boolean[v.type().referenceCount()];
                read.forEach(slot -> keep[slot] = true);
                references[v.index()] = keep;
            }
        }
        this.from = new Event[variables];
        this.copy = new Event[variables];
    }

    /** What a run keeps of {@code e}, taken for {@code variable}. */
    Event of(Event e, int variable) {
        boolean[] keep = references[variable];
        if (keep == null || e.raw() == null) {
            return e;
        }
        if (from[variable] != e) {
            from[variable] = e;
            copy[variable] = e.keepingReferences(keep);
        }
        return copy[variable];
    }
}
