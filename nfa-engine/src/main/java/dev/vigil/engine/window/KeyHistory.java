package dev.vigil.engine.window;

import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The recent events of one key that a rule's velocity windows and history look-ups read, kept as
 * compact entries (time, arrival, and only the fields the rule reads) in processing order (event
 * time, ties by arrival), pruned to the longest duration asked for. Values are computed exactly
 * by scanning: a window covers (t - d, t] and includes the event at t; history covers the events
 * processed before the current one, no older than t - d. Windows are kept up to date
 * incrementally ({@link WindowAggregate}); history look-ups go through an index of the entries
 * by value, so neither costs more as the events in the history grow.
 */
public final class KeyHistory {
    private final HistoryLayout layout;
    private final Entries[] bySource;
    /** The rule's windows, by index, made when first asked (and again after the state is read back). */
    private final WindowAggregate[] windows;
    /**
     * Per history look-up, by index: for each value, the positions of the entries holding it, oldest
     * first. Made when first asked, then kept up to date as entries come and go.
     */
    private final Map<Object, ArrayDeque<Long>>[] seen;

    // A rule has windows or history look-ups, often not both: the other array is one shared empty one.
    private static final WindowAggregate[] NO_WINDOWS = {};
    @SuppressWarnings("unchecked")
    private static final Map<Object, ArrayDeque<Long>>[] NO_LOOKUPS = new Map[0];

    @SuppressWarnings("unchecked")
    KeyHistory(HistoryLayout layout) {
        this.layout = layout;
        this.bySource = new Entries[layout.sources()];
        this.windows = layout.windows() == 0 ? NO_WINDOWS : new WindowAggregate[layout.windows()];
        this.seen = layout.histories() == 0 ? NO_LOOKUPS : new Map[layout.histories()];
    }

    /** Records an event of a source type and drops what no window can reach any more. */
    public void add(Event e) {
        int source = layout.source(e.schema());
        if (source < 0) {
            return;
        }
        Entries events = bySource[source];
        if (events == null) {
            events = new Entries(layout.kept(source).size());
            bySource[source] = events;
        }
        events.add(e.time(), e.sequence());
        List<FieldSlot> kept = layout.kept(source);
        for (int f = 0; f < kept.size(); f++) {
            events.setNewest(f, e.value(kept.get(f)));
        }
        for (HistorySpec h : layout.historiesOf(source)) {
            Map<Object, ArrayDeque<Long>> index = seen[h.index()];
            if (index != null) {
                index.computeIfAbsent(normal(events.value(events.end() - 1, layout.position(h))),
                        v -> new ArrayDeque<>(2)).addLast(events.end() - 1);
            }
        }
        dropBefore(source, e.time() - layout.keepMillis());
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
            for (HistorySpec h : layout.historiesOf(source)) {
                Map<Object, ArrayDeque<Long>> index = seen[h.index()];
                if (index != null) {
                    Object v = normal(events.value(events.first(), layout.position(h)));
                    ArrayDeque<Long> positions = index.get(v);
                    positions.pollFirst();
                    if (positions.isEmpty()) {
                        index.remove(v);
                    }
                }
            }
            events.dropOldest();
        }
    }

    /**
     * When this history should next be pruned so that it does not outlive its use: a quarter of
     * the longest duration after its oldest entry left every window (pruning in steps, not per
     * entry), or Long.MAX_VALUE when it is empty.
     */
    public long expiry() {
        long oldest = Long.MAX_VALUE;
        for (Entries d : bySource) {
            if (d != null && !d.isEmpty()) {
                oldest = Math.min(oldest, d.oldestTime());
            }
        }
        if (oldest == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long keep = layout.keepMillis();
        return oldest + keep + Math.max(1, keep / 4);
    }

    /** The first time at which pruning leaves this history empty, or Long.MIN_VALUE when it is empty. */
    public long emptyAfter() {
        long newest = Long.MIN_VALUE;
        for (Entries d : bySource) {
            if (d != null && !d.isEmpty()) {
                newest = Math.max(newest, d.newestTime());
            }
        }
        return newest == Long.MIN_VALUE ? newest : newest + layout.keepMillis() + 1;
    }

    /** Drops the entries no window or look-up at {@code time} or later can reach. */
    public void prune(long time) {
        for (int s = 0; s < bySource.length; s++) {
            dropBefore(s, time - layout.keepMillis());
        }
    }

    public boolean isEmpty() {
        for (Entries d : bySource) {
            if (d != null && !d.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private WindowAggregate window(WindowSpec w, long at) {
        int source = layout.source(w.source());
        WindowAggregate a = windows[w.index()];
        if (a == null) {
            a = new WindowAggregate(w, source, layout.position(w), bySource[source] == null ? 0 : bySource[source].first());
            windows[w.index()] = a;
        }
        if (bySource[source] == null) {
            bySource[source] = new Entries(layout.kept(source).size());
        }
        a.advance(bySource[source], at);
        return a;
    }

    public long windowLong(WindowSpec w, long at) {
        return window(w, at).asLong(bySource[layout.source(w.source())]);
    }

    public double windowDouble(WindowSpec w, long at) {
        return window(w, at).asDouble(bySource[layout.source(w.source())]);
    }

    public BigDecimal windowDecimal(WindowSpec w, long at) {
        return window(w, at).asDecimal(bySource[layout.source(w.source())]);
    }

    /** What {@link #firstSeen} and {@link #lastSeen} give when the value was not seen. */
    public static final long NEVER = Long.MIN_VALUE;

    /**
     * Whether {@code value} was seen in the history: events of the source processed before
     * {@code current} (all of them when it is null), no older than {@code at - over}.
     */
    public boolean historyContains(HistorySpec h, long at, Event current, Object value) {
        return lastSeen(h, at, current, value) != NEVER;
    }

    /** The time of the newest event in the history (as {@link #historyContains}) with the value, or {@link #NEVER}. */
    public long lastSeen(HistorySpec h, long at, Event current, Object value) {
        Entries events = bySource[layout.source(h.source())];
        ArrayDeque<Long> positions = positions(h, events, value);
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
    public long firstSeen(HistorySpec h, long at, Event current, Object value) {
        Entries events = bySource[layout.source(h.source())];
        ArrayDeque<Long> positions = positions(h, events, value);
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
    private ArrayDeque<Long> positions(HistorySpec h, Entries events, Object value) {
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
        long time = events.time(position);
        return time < current.time() || time == current.time() && events.sequence(position) < current.sequence();
    }

    /** The value index of a history look-up, built from the entries when first asked. */
    private Map<Object, ArrayDeque<Long>> index(HistorySpec h, Entries events) {
        Map<Object, ArrayDeque<Long>> index = seen[h.index()];
        if (index == null) {
            index = new HashMap<>();
            int f = layout.position(h);
            for (long p = events.first(); p < events.end(); p++) {
                index.computeIfAbsent(normal(events.value(p, f)), v -> new ArrayDeque<>(2)).addLast(p);
            }
            seen[h.index()] = index;
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
            Entries events = new Entries(fields.size());
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
