package dev.vigil.engine.nfa;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events a key group's partial matches hold for one key, each written once. Rules of a group
 * often keep the same event (a card's last purchase waits in several rules), each as its own copy
 * with the fields that rule reads ({@link KeptEvents}); copies of one event (the same arrival
 * sequence, id and time) become one entry with the fields of all of them, and read back as one
 * shared event.
 */
public final class EventTable {
    // Made on the first event: a table is made per key group written, and one with no event needs none of them.
    private List<Event> events;
    private Map<Event, Integer> byIdentity;
    private Map<Long, Integer> bySequence;

    /** The event's place in the table, adding it (or its fields to its entry) if new. */
    int indexOf(Event e) {
        if (events == null) {
            events = new ArrayList<>();
            byIdentity = new IdentityHashMap<>();
            bySequence = new HashMap<>();
        }
        Integer known = byIdentity.get(e);
        if (known != null) {
            return known;
        }
        Integer same = bySequence.get(e.sequence());
        int index;
        if (same != null && sameEvent(events.get(same), e)) {
            index = same;
            events.set(index, events.get(index).unitedWith(e));
        } else {
            index = events.size();
            events.add(e);
            bySequence.putIfAbsent(e.sequence(), index);
        }
        byIdentity.put(e, index);
        return index;
    }

    private static boolean sameEvent(Event a, Event b) {
        return a.schema() == b.schema() && a.time() == b.time() && java.util.Objects.equals(a.id(), b.id());
    }

    /** Writes the table, records in their compact form (format 6 and later). */
    public void write(StateWriter w, EventCodec codec) {
        if (events == null) {
            w.writeVarInt(0);
            return;
        }
        w.writeVarInt(events.size());
        for (Event e : events) {
            codec.write(w, e, EventCodec.RecordForm.COMPACT);
        }
    }

    /** The events {@link #write} wrote, in their places; {@code form}: the records' form in the format read. */
    public static Event[] read(StateReader r, EventCodec codec, EventCodec.RecordForm form) {
        Event[] table = new Event[r.readVarInt()];
        for (int i = 0; i < table.length; i++) {
            table[i] = codec.read(r, form);
        }
        return table;
    }
}
