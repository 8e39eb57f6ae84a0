package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the waiting partial matches of a key group's rules keep of the events they took: each event
 * with only the string and decimal fields some rule of the group reads of it later
 * ({@link RuleProgram#keptReferences}), so the others need not stay alive (or be written to
 * state) for the run's hours or days. One copy of an event serves every rule and run of the group
 * that keeps it (a card's last purchase waits in several rules at once). Primitives and the record
 * as read are shared with the event. Events without a record as read (made in rule tests, rendered
 * from their fields in alerts) are kept whole.
 */
public final class KeptEvents {
    /** By event type: which reference slots to keep; absent when some rule reads them all later. */
    private final Map<EventSchema, boolean[]> references = new HashMap<>();
    // The current event's copy, which every rule of the group taking it shares.
    private Event from;
    private Event copy;

    /** For the rules of one key group (a rule on its own: a list of one). */
    public KeptEvents(List<RuleProgram> rules) {
        Set<EventSchema> readWhole = new HashSet<>();
        for (RuleProgram rule : rules) {
            for (Variable v : rule.variables()) {
                Set<Integer> read = rule.keptReferences().get(v.index());
                EventSchema type = v.type();
                if (read.size() == type.referenceCount()) {
                    readWhole.add(type);
                }
                boolean[] keep = references.computeIfAbsent(type, t -> new boolean[t.referenceCount()]);
                read.forEach(slot -> keep[slot] = true);
            }
        }
        readWhole.forEach(references::remove);
    }

    /** What a run keeps of {@code e}. */
    Event of(Event e) {
        if (from == e) {
            return copy;
        }
        boolean[] keep = references.get(e.schema());
        from = e;
        copy = keep == null || !e.hasRaw() ? e : e.keepingReferences(keep);
        return copy;
    }
}
