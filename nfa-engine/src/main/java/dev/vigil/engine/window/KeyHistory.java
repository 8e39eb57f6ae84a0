package dev.vigil.engine.window;

import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.NoValue;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The recent events of one key that a rule's velocity windows and history look-ups read, kept as
 * compact entries (time, arrival, and only the fields the rule reads) in processing order (event
 * time, ties by arrival), pruned to the longest duration asked for. Values are computed exactly
 * by scanning: a window covers (t - d, t] and includes the event at t; history covers the events
 * processed before the current one, no older than t - d. The state issue replaces the scan with
 * bucketed aggregates of the same meaning.
 */
public final class KeyHistory {
    private final HistoryLayout layout;
    private final ArrayDeque<Entry>[] bySource;

    /** One remembered event: its time, its arrival sequence and the values of the kept fields. */
    private record Entry(long time, long sequence, Object[] values) {}

    @SuppressWarnings("unchecked")
    KeyHistory(HistoryLayout layout) {
        this.layout = layout;
        this.bySource = new ArrayDeque[layout.sources()];
    }

    /** Records an event of a source type and drops what no window can reach any more. */
    public void add(Event e) {
        int source = layout.source(e.schema());
        if (source < 0) {
            return;
        }
        ArrayDeque<Entry> events = bySource[source];
        if (events == null) {
            events = new ArrayDeque<>(4);
            bySource[source] = events;
        }
        events.addLast(new Entry(e.time(), e.sequence(), layout.values(source, e)));
        long horizon = e.time() - layout.keepMillis();
        while (events.peekFirst().time() < horizon) {
            events.pollFirst();
        }
    }

    /**
     * When this history should next be pruned so that it does not outlive its use: a quarter of
     * the longest duration after its oldest entry left every window (pruning in steps, not per
     * entry), or Long.MAX_VALUE when it is empty.
     */
    public long expiry() {
        long oldest = Long.MAX_VALUE;
        for (ArrayDeque<Entry> d : bySource) {
            if (d != null && !d.isEmpty()) {
                oldest = Math.min(oldest, d.peekFirst().time());
            }
        }
        if (oldest == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long keep = layout.keepMillis();
        return oldest + keep + Math.max(1, keep / 4);
    }

    /** Drops the entries no window or look-up at {@code time} or later can reach. */
    public void prune(long time) {
        long horizon = time - layout.keepMillis();
        for (int s = 0; s < bySource.length; s++) {
            ArrayDeque<Entry> d = bySource[s];
            while (d != null && !d.isEmpty() && d.peekFirst().time() < horizon) {
                d.pollFirst();
            }
            if (d != null && d.isEmpty()) {
                bySource[s] = null;
            }
        }
    }

    public boolean isEmpty() {
        for (ArrayDeque<Entry> d : bySource) {
            if (d != null && !d.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Newest first, the entries of a window at time {@code at}: time in (at - over, at]. */
    private Iterator<Entry> window(int source, long at, long over) {
        ArrayDeque<Entry> events = bySource[source];
        if (events == null) {
            return java.util.Collections.emptyIterator();
        }
        Iterator<Entry> newestFirst = events.descendingIterator();
        return new Iterator<>() {
            Entry next = advance();

            private Entry advance() {
                while (newestFirst.hasNext()) {
                    Entry e = newestFirst.next();
                    if (e.time() > at) {
                        continue;
                    }
                    return e.time() > at - over ? e : null;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Entry next() {
                Entry e = next;
                next = advance();
                return e;
            }
        };
    }

    public long windowLong(WindowSpec w, long at) {
        Iterator<Entry> it = window(layout.source(w.source()), at, w.overMillis());
        int f = w.field().isPresent() ? layout.position(w) : -1;
        switch (w.function()) {
            case COUNT: {
                long n = 0;
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
                return n;
            }
            case DISTINCT: {
                Set<Object> seen = new HashSet<>();
                while (it.hasNext()) {
                    seen.add(normal(it.next().values()[f]));
                }
                return seen.size();
            }
            case SUM: {
                long sum = 0;
                while (it.hasNext()) {
                    sum += (Long) it.next().values()[f];
                }
                return sum;
            }
            default: {
                boolean max = w.function() == WindowSpec.Function.MAX;
                if (!it.hasNext()) {
                    throw NoValue.INSTANCE;
                }
                long best = (Long) it.next().values()[f];
                while (it.hasNext()) {
                    long x = (Long) it.next().values()[f];
                    best = max ? Math.max(best, x) : Math.min(best, x);
                }
                return best;
            }
        }
    }

    public double windowDouble(WindowSpec w, long at) {
        Iterator<Entry> it = window(layout.source(w.source()), at, w.overMillis());
        int f = layout.position(w);
        double acc = 0;
        long n = 0;
        double best = Double.NaN;
        while (it.hasNext()) {
            double x = ((Number) it.next().values()[f]).doubleValue();
            acc += x;
            n++;
            best = Double.isNaN(best) ? x : w.function() == WindowSpec.Function.MAX ? Math.max(best, x) : Math.min(best, x);
        }
        if (w.function() == WindowSpec.Function.SUM) {
            return acc;
        }
        if (n == 0) {
            throw NoValue.INSTANCE;
        }
        return w.function() == WindowSpec.Function.AVG ? acc / n : best;
    }

    public BigDecimal windowDecimal(WindowSpec w, long at) {
        Iterator<Entry> it = window(layout.source(w.source()), at, w.overMillis());
        int f = layout.position(w);
        BigDecimal acc = BigDecimal.ZERO;
        BigDecimal best = null;
        long n = 0;
        while (it.hasNext()) {
            BigDecimal x = (BigDecimal) it.next().values()[f];
            acc = acc.add(x);
            n++;
            if (best == null || (w.function() == WindowSpec.Function.MAX ? x.compareTo(best) > 0 : x.compareTo(best) < 0)) {
                best = x;
            }
        }
        switch (w.function()) {
            case SUM:
                return acc;
            case AVG:
                if (n == 0) {
                    throw NoValue.INSTANCE;
                }
                return acc.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64);
            default:
                if (best == null) {
                    throw NoValue.INSTANCE;
                }
                return best;
        }
    }

    /**
     * Whether {@code value} was seen in the history: events of the source processed before
     * {@code current} (all of them when it is null), no older than {@code at - over}.
     */
    public boolean historyContains(HistorySpec h, long at, Event current, Object value) {
        int source = layout.source(h.source());
        ArrayDeque<Entry> events = bySource[source];
        if (events == null) {
            return false;
        }
        int f = layout.position(h);
        Object wanted = normal(value);
        boolean beforeCurrent = current == null || current.schema() != h.source();
        Iterator<Entry> newestFirst = events.descendingIterator();
        while (newestFirst.hasNext()) {
            Entry e = newestFirst.next();
            if (!beforeCurrent) {
                beforeCurrent = e.sequence() == current.sequence() && e.time() == current.time();
                continue;
            }
            if (e.time() < at - h.overMillis()) {
                return false;
            }
            if (wanted.equals(normal(e.values()[f]))) {
                return true;
            }
        }
        return false;
    }

    /** Writes the entries, per source, oldest first; {@link #read} gives them back. */
    public void write(StateWriter w) {
        for (int s = 0; s < bySource.length; s++) {
            ArrayDeque<Entry> events = bySource[s];
            List<FieldSlot> fields = layout.kept(s);
            w.writeVarInt(events == null ? 0 : events.size());
            if (events == null) {
                continue;
            }
            for (Entry e : events) {
                w.writeVarLong(e.time());
                w.writeVarLong(e.sequence());
                for (int f = 0; f < fields.size(); f++) {
                    writeValue(w, fields.get(f).type(), e.values()[f]);
                }
            }
        }
    }

    public static KeyHistory read(HistoryLayout layout, StateReader r) {
        KeyHistory h = new KeyHistory(layout);
        for (int s = 0; s < h.bySource.length; s++) {
            int n = r.readVarInt();
            if (n == 0) {
                continue;
            }
            List<FieldSlot> fields = layout.kept(s);
            ArrayDeque<Entry> events = new ArrayDeque<>(Math.max(4, n));
            for (int i = 0; i < n; i++) {
                long time = r.readVarLong();
                long sequence = r.readVarLong();
                Object[] values = new Object[fields.size()];
                for (int f = 0; f < values.length; f++) {
                    values[f] = readValue(r, fields.get(f).type());
                }
                events.addLast(new Entry(time, sequence, values));
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
    private static Object normal(Object v) {
        return v instanceof BigDecimal d ? d.stripTrailingZeros() : v;
    }

}
