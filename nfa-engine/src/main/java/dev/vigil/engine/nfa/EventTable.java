package dev.vigil.engine.nfa;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The events a key group's partial matches hold for one key, each written once. Rules of a group
 * often keep the same event (a card's last purchase waits in several rules), each as its own copy
 * with the fields that rule reads ({@link KeptEvents}); copies of one event (the same arrival
 * sequence, id and time) become one entry with the fields of all of them, and read back as one
 * shared event.
 */
public final class EventTable {
    private final IdentityPlaces<Event> copies = new IdentityPlaces<>();
    /** By copy's place: its entry. */
    private int[] entryOfCopy = new int[4];
    private Event[] entries = new Event[4];
    private int size;
    private Map<Long, Integer> bySequence;

    /** The event's place in the table, adding it (or its fields to its entry) if new. */
    int indexOf(Event e) {
        int copy = copies.placeOf(e);
        if (copy >= 0) {
            return entryOfCopy[copy];
        }
        int same = firstWithSequence(e.sequence());
        int index;
        if (same >= 0 && sameEvent(entries[same], e)) {
            index = same;
            entries[index] = entries[index].unitedWith(e);
        } else {
            index = append(e);
        }
        copy = copies.add(e);
        if (copy == entryOfCopy.length) {
            entryOfCopy = Arrays.copyOf(entryOfCopy, copy * 2);
        }
        entryOfCopy[copy] = index;
        return index;
    }

    private int firstWithSequence(long sequence) {
        if (bySequence != null) {
            Integer i = bySequence.get(sequence);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (entries[i].sequence() == sequence) {
                return i;
            }
        }
        return -1;
    }

    private int append(Event e) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size] = e;
        if (bySequence != null) {
            bySequence.putIfAbsent(e.sequence(), size);
        } else if (size == IdentityPlaces.SCANNED) { // entries found by arrival in a map beyond a few, as copies are
            bySequence = new HashMap<>();
            for (int i = 0; i <= size; i++) {
                bySequence.putIfAbsent(entries[i].sequence(), i);
            }
        }
        return size++;
    }

    private static boolean sameEvent(Event a, Event b) {
        return a.schema() == b.schema() && a.time() == b.time() && java.util.Objects.equals(a.id(), b.id());
    }

    /** Empties the table (letting go of its events) for the next value: a table is kept per thread. */
    public void clear() {
        copies.clear();
        Arrays.fill(entries, 0, size, null);
        size = 0;
        bySequence = null;
    }

    public void write(StateWriter w, EventCodec codec) {
        w.writeVarInt(size);
        for (int i = 0; i < size; i++) {
            codec.write(w, entries[i], EventCodec.RecordForm.COMPACT);
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
