package dev.vigil.engine.window;

import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import dev.vigil.engine.time.EventTimeBuffer;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The recent events of one key that the velocity windows and history look-ups of a key group's
 * rules read, kept once for all of them as compact entries (time, arrival, and only the fields the
 * rules read) in processing order (event time, ties by arrival), each source pruned to the longest
 * duration asked of it ({@link HistoryLayout}). Windows and look-ups are addressed by their number
 * in the group. Values are computed exactly
 * by scanning: a window covers (t - d, t] and includes the event at t; history covers the events
 * processed before the current one, no older than t - d. Windows are kept up to date
 * incrementally ({@link WindowAggregate}); history look-ups go through an index of the entries
 * by value, so neither costs more as the events in the history grow.
 */
public final class KeyHistory {
    private final HistoryLayout layout;
    private final Entries[] bySource;
    /** The group's windows, by number, made when first asked (and again after the state is read back). */
    private final WindowAggregate[] windows;
    /**
     * Per history look-up, by index: for each value, the positions of the entries holding it, oldest
     * first. Made when first asked, then kept up to date as entries come and go; the array too is
     * made at the first (most keys are never asked: a rule tests cheaper conditions first).
     */
    private Map<Object, ArrayDeque<Long>>[] seen = NO_LOOKUPS;

    // A group has windows or history look-ups, often not both: the other array is one shared empty one
    // (and the look-ups' until one is asked).
    private static final WindowAggregate[] NO_WINDOWS = {};
    @SuppressWarnings("unchecked")
    private static final Map<Object, ArrayDeque<Long>>[] NO_LOOKUPS = new Map[0];

    KeyHistory(HistoryLayout layout) {
        this.layout = layout;
        this.bySource = new Entries[layout.sources()];
        this.windows = layout.windows() == 0 ? NO_WINDOWS : new WindowAggregate[layout.windows()];
    }

    /** Look-up {@code h}'s index, or null when it has not been made. */
    private Map<Object, ArrayDeque<Long>> madeIndex(int h) {
        return h < seen.length ? seen[h] : null;
    }

    /**
     * Records an event of a source type (what no window can reach any more goes at {@link #prune});
     * returns whether it did (false: no window or look-up of the group reads the event's type).
     */
    public boolean add(Event e) {
        int source = layout.source(e.schema());
        if (source < 0) {
            return false;
        }
        Entries events = bySource[source];
        if (events == null) {
            events = layout.newEntries(source);
            bySource[source] = events;
        }
        events.add(e.time(), e.sequence());
        List<FieldSlot> kept = layout.kept(source);
        for (int f = 0; f < kept.size(); f++) {
            events.setNewest(f, e.value(kept.get(f)));
        }
        for (int h : layout.historiesOf(source)) {
            Map<Object, ArrayDeque<Long>> index = madeIndex(h);
            if (index != null) {
                index.computeIfAbsent(normal(events.value(events.end() - 1, layout.historyPosition(h))),
                        v -> new ArrayDeque<>(2)).addLast(events.end() - 1);
            }
        }
        return true;
    }

    /** Drops a source's entries older than {@code horizon}, letting its windows go of them first. */
    private void dropBefore(int source, long horizon) {
        Entries events = bySource[source];
        while (events != null && !events.isEmpty() && events.oldestTime() < horizon) {
            for (WindowAggregate w : windows) {
                if (w != null && w.source() == source) {
                    w.leaving(events, events.first());
                }
            }
            for (int h : layout.historiesOf(source)) {
                int f = layout.historyPosition(h);
                if (events.first() >= events.clearedBefore(f)) { // else the index let go of it already
                    unindex(h, events, events.first(), f);
                }
            }
            events.dropOldest();
        }
    }

    /**
     * Lets go of the values of a source's fields that no window or look-up reaches any more at
     * {@code time}, though their entries stay for longer ones: windows and look-ups reading the
     * field let go of each value first.
     */
    private void clearFields(int source, long time) {
        Entries events = bySource[source];
        if (events == null) {
            return;
        }
        for (int f = 0; f < layout.kept(source).size(); f++) {
            long keep = layout.keepMillis(source, f);
            if (keep >= layout.keepMillis(source)) {
                continue; // its values go with their entries
            }
            long horizon = time - keep;
            for (long p = events.clearedBefore(f); p < events.end() && events.time(p) < horizon; p++) {
                for (WindowAggregate w : windows) {
                    if (w != null && w.source() == source && w.field() == f) {
                        w.leaving(events, p);
                    }
                }
                for (int h : layout.historiesOf(source)) {
                    if (layout.historyPosition(h) == f) {
                        unindex(h, events, p, f);
                    }
                }
                events.clearNext(f);
            }
        }
    }

    /** Takes the entry at {@code position} out of look-up {@code h}'s index, if the index is made. */
    private void unindex(int h, Entries events, long position, int field) {
        Map<Object, ArrayDeque<Long>> index = madeIndex(h);
        Object v = events.value(position, field);
        if (index == null || v == null) {
            return;
        }
        v = normal(v);
        ArrayDeque<Long> positions = index.get(v);
        positions.pollFirst();
        if (positions.isEmpty()) {
            index.remove(v);
        }
    }

    /** The first time at which pruning leaves this history empty, or Long.MIN_VALUE when it is empty. */
    public long emptyAfter() {
        long after = Long.MIN_VALUE;
        for (int s = 0; s < bySource.length; s++) {
            Entries d = bySource[s];
            if (d != null && !d.isEmpty()) {
                after = Math.max(after, d.newestTime() + layout.keepMillis(s) + 1);
            }
        }
        return after;
    }

    /** Drops the entries, and lets go of the field values, no window or look-up at {@code time} or later can reach. */
    public void prune(long time) {
        for (int s = 0; s < bySource.length; s++) {
            clearFields(s, time);
            dropBefore(s, time - layout.keepMillis(s));
        }
    }

    /** The entries held of a source (or null): what the retention tests look at. */
    Entries entries(int source) {
        return bySource[source];
    }

    public boolean isEmpty() {
        for (Entries d : bySource) {
            if (d != null && !d.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private WindowAggregate window(int window, long at) {
        WindowSpec w = layout.window(window);
        int source = layout.source(w.source());
        WindowAggregate a = windows[window];
        if (a == null) {
            a = new WindowAggregate(w, source, layout.windowPosition(window),
                    bySource[source] == null ? 0 : bySource[source].first());
            windows[window] = a;
        }
        if (bySource[source] == null) {
            bySource[source] = layout.newEntries(source);
        }
        a.advance(bySource[source], at);
        return a;
    }

    /** The value at {@code at} of the group's window number {@code window}. */
    public long windowLong(int window, long at) {
        WindowAggregate a = window(window, at);
        return a.asLong(bySource[a.source()]);
    }

    public double windowDouble(int window, long at) {
        WindowAggregate a = window(window, at);
        return a.asDouble(bySource[a.source()]);
    }

    public BigDecimal windowDecimal(int window, long at) {
        WindowAggregate a = window(window, at);
        return a.asDecimal(bySource[a.source()]);
    }

    /** What {@link #firstSeen} and {@link #lastSeen} give when the value was not seen. */
    public static final long NEVER = Long.MIN_VALUE;

    /**
     * Whether {@code value} was seen in the group's history look-up number {@code h}: events of the
     * source processed before {@code current} (all of them when it is null), no older than {@code at - over}.
     */
    public boolean historyContains(int h, long at, Event current, Object value) {
        return lastSeen(h, at, current, value) != NEVER;
    }

    /** The time of the newest event in the history (as {@link #historyContains}) with the value, or {@link #NEVER}. */
    public long lastSeen(int number, long at, Event current, Object value) {
        HistorySpec h = layout.history(number);
        Entries events = bySource[layout.source(h.source())];
        ArrayDeque<Long> positions = positions(number, events, value);
        if (positions == null) {
            return NEVER;
        }
        Iterator<Long> newestFirst = positions.descendingIterator();
        while (newestFirst.hasNext()) {
            long p = newestFirst.next();
            if (!before(h, events, p, current)) {
                continue;
            }
            long time = events.time(p);
            return time >= at - h.overMillis() ? time : NEVER;
        }
        return NEVER;
    }

    /**
     * The time of the oldest event in the history (as {@link #historyContains}) with the value, or
     * {@link #NEVER}. Walks the value's entries from the oldest kept: its cost grows with the
     * entries of that value older than {@code over} that longer windows of the rule still keep.
     */
    public long firstSeen(int number, long at, Event current, Object value) {
        HistorySpec h = layout.history(number);
        Entries events = bySource[layout.source(h.source())];
        ArrayDeque<Long> positions = positions(number, events, value);
        if (positions == null) {
            return NEVER;
        }
        for (long p : positions) {
            long time = events.time(p);
            if (time < at - h.overMillis()) {
                continue;
            }
            // Positions are in processing order: once one is not before the current event, none after it is.
            return before(h, events, p, current) ? time : NEVER;
        }
        return NEVER;
    }

    /** The positions of the source's entries holding {@code value}, oldest first, or null when none. */
    private ArrayDeque<Long> positions(int h, Entries events, Object value) {
        return events == null ? null : index(h, events).get(normal(value));
    }

    /**
     * "Before the current event" is processing order, (time, arrival); it only applies when the
     * current event is of the history's type (it is then in the history itself).
     */
    private static boolean before(HistorySpec h, Entries events, long position, Event current) {
        if (current == null || current.schema() != h.source()) {
            return true;
        }
        return EventTimeBuffer.compare(events.time(position), events.sequence(position), current.time(), current.sequence()) < 0;
    }

    /** The value index of a history look-up, built from the entries when first asked. */
    @SuppressWarnings("unchecked")
    private Map<Object, ArrayDeque<Long>> index(int h, Entries events) {
        Map<Object, ArrayDeque<Long>> index = madeIndex(h);
        if (index == null) {
            if (seen.length == 0) {
                seen = new Map[layout.histories()];
            }
            index = new HashMap<>();
            int f = layout.historyPosition(h);
            for (long p = Math.max(events.first(), events.clearedBefore(f)); p < events.end(); p++) {
                Object v = events.value(p, f);
                if (v != null) { // an entry kept by format 4 and earlier for another rule may lack it
                    index.computeIfAbsent(normal(v), k -> new ArrayDeque<>(2)).addLast(p);
                }
            }
            seen[h] = index;
        }
        return index;
    }

    /** Writes the entries, per source, oldest first; {@link #read} gives them back. */
    public void write(StateWriter w) {
        for (int s = 0; s < bySource.length; s++) {
            Entries events = bySource[s];
            List<FieldSlot> fields = layout.kept(s);
            w.writeVarInt(events == null ? 0 : events.size());
            if (events == null) {
                continue;
            }
            for (long p = events.first(); p < events.end(); p++) {
                w.writeVarLong(events.time(p));
                w.writeVarLong(events.sequence(p));
                for (int f = 0; f < fields.size(); f++) {
                    writeValue(w, fields.get(f).type(), events.value(p, f));
                }
            }
        }
    }

    public static KeyHistory read(HistoryLayout layout, StateReader r) {
        KeyHistory h = layout.newHistory();
        for (int s = 0; s < h.bySource.length; s++) {
            int n = r.readVarInt();
            if (n == 0) {
                continue;
            }
            List<FieldSlot> fields = layout.kept(s);
            Entries events = layout.newEntries(s);
            for (int i = 0; i < n; i++) {
                events.add(r.readVarLong(), r.readVarLong());
                for (int f = 0; f < fields.size(); f++) {
                    events.setNewest(f, readValue(r, fields.get(f).type()));
                }
            }
            h.bySource[s] = events;
        }
        return h;
    }

    /**
     * Format 4 and earlier kept a history per rule: the group's history holding every entry of
     * {@code perRule} (each read with its rule's own layout, {@link HistoryLayout#of}), an event
     * that several rules kept becoming one entry with the fields each of them kept.
     */
    public static KeyHistory merged(HistoryLayout group, List<KeyHistory> perRule) {
        KeyHistory merged = group.newHistory();
        for (int s = 0; s < group.sources(); s++) {
            List<FieldSlot> fields = group.kept(s);
            java.util.TreeMap<Stamp, Object[]> rows = new java.util.TreeMap<>();
            for (KeyHistory h : perRule) {
                int from = h.layout.source(group.sourceType(s));
                Entries events = from < 0 ? null : h.bySource[from];
                if (events == null) {
                    continue;
                }
                List<FieldSlot> theirs = h.layout.kept(from);
                for (long p = events.first(); p < events.end(); p++) {
                    Object[] row = rows.computeIfAbsent(new Stamp(events.time(p), events.sequence(p)),
                            k -> new Object[fields.size()]);
                    for (int f = 0; f < theirs.size(); f++) {
                        Object v = events.value(p, f);
                        if (v != null) {
                            row[fields.indexOf(theirs.get(f))] = v;
                        }
                    }
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            Entries events = group.newEntries(s);
            rows.forEach((stamp, row) -> {
                events.add(stamp.time(), stamp.sequence());
                for (int f = 0; f < row.length; f++) {
                    events.setNewest(f, row[f]);
                }
            });
            merged.bySource[s] = events;
        }
        return merged;
    }

    private record Stamp(long time, long sequence) implements Comparable<Stamp> {
        @Override
        public int compareTo(Stamp o) {
            return EventTimeBuffer.compare(time, sequence, o.time, o.sequence);
        }
    }

    private static void writeValue(StateWriter w, ValueType type, Object v) {
        w.writeBoolean(v != null);
        if (v == null) {
            return;
        }
        switch (type) {
            case STRING -> w.writeString((String) v);
            case DECIMAL -> w.writeDecimal((BigDecimal) v);
            case DOUBLE -> w.writeLong(Double.doubleToRawLongBits((Double) v));
            case BOOLEAN -> w.writeBoolean((Boolean) v);
            default -> w.writeVarLong((Long) v);
        }
    }

    private static Object readValue(StateReader r, ValueType type) {
        if (!r.readBoolean()) {
            return null;
        }
        return switch (type) {
            case STRING -> r.readString();
            case DECIMAL -> r.readDecimal();
            case DOUBLE -> Double.longBitsToDouble(r.readLong());
            case BOOLEAN -> r.readBoolean();
            default -> r.readVarLong();
        };
    }

    /** Decimals compare by value (5.0 is 5.00). */
    static Object normal(Object v) {
        return v instanceof BigDecimal d ? d.stripTrailingZeros() : v;
    }

}
