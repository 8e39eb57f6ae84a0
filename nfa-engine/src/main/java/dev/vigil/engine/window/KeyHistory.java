package dev.vigil.engine.window;

import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.NoValue;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The recent events of one key that a rule's velocity windows and history look-ups read, kept in
 * processing order (event time, ties by arrival) and pruned to the longest duration asked for.
 * Values are computed exactly by scanning: a window covers (t - d, t] and includes the event at
 * t; history covers the events processed before the current one, no older than t - d. The
 * state issue replaces the scan with bucketed aggregates of the same meaning.
 */
public final class KeyHistory {
    private final Map<EventSchema, ArrayDeque<Event>> bySource;
    private final long keepMillis;

    public KeyHistory(Map<EventSchema, ArrayDeque<Event>> bySource, long keepMillis) {
        this.bySource = bySource;
        this.keepMillis = keepMillis;
    }

    /** Records an event of a source type and drops what no window can reach any more. */
    public void add(Event e) {
        ArrayDeque<Event> events = bySource.get(e.schema());
        if (events == null) {
            return;
        }
        events.addLast(e);
        long horizon = e.time() - keepMillis;
        while (!events.isEmpty() && events.peekFirst().time() < horizon) {
            events.pollFirst();
        }
    }

    public boolean isEmpty() {
        for (ArrayDeque<Event> d : bySource.values()) {
            if (!d.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Newest first, the events of a window at time {@code at}: time in (at - over, at]. */
    private Iterator<Event> window(EventSchema source, long at, long over) {
        Iterator<Event> newestFirst = bySource.get(source).descendingIterator();
        return new Iterator<>() {
            Event next = advance();

            private Event advance() {
                while (newestFirst.hasNext()) {
                    Event e = newestFirst.next();
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
            public Event next() {
                Event e = next;
                next = advance();
                return e;
            }
        };
    }

    public long windowLong(WindowSpec w, long at) {
        Iterator<Event> it = window(w.source(), at, w.overMillis());
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
                FieldSlot f = w.field().get();
                while (it.hasNext()) {
                    seen.add(normal(it.next().value(f)));
                }
                return seen.size();
            }
            case SUM: {
                long sum = 0;
                int slot = w.field().get().index();
                while (it.hasNext()) {
                    sum += it.next().longAt(slot);
                }
                return sum;
            }
            default: {
                boolean max = w.function() == WindowSpec.Function.MAX;
                int slot = w.field().get().index();
                if (!it.hasNext()) {
                    throw NoValue.INSTANCE;
                }
                long best = it.next().longAt(slot);
                while (it.hasNext()) {
                    long x = it.next().longAt(slot);
                    best = max ? Math.max(best, x) : Math.min(best, x);
                }
                return best;
            }
        }
    }

    public double windowDouble(WindowSpec w, long at) {
        Iterator<Event> it = window(w.source(), at, w.overMillis());
        FieldSlot f = w.field().get();
        boolean isDouble = f.type() == dev.vigil.dsl.schema.ValueType.DOUBLE;
        double acc = 0;
        long n = 0;
        double best = Double.NaN;
        while (it.hasNext()) {
            Event e = it.next();
            double x = isDouble ? e.doubleAt(f.index()) : e.longAt(f.index());
            acc += x;
            n++;
            best = Double.isNaN(best) ? x : w.function() == WindowSpec.Function.MAX ? Math.max(best, x) : Math.min(best, x);
        }
        switch (w.function()) {
            case SUM:
                return acc;
            case AVG:
                if (n == 0) {
                    throw NoValue.INSTANCE;
                }
                return acc / n;
            default:
                if (n == 0) {
                    throw NoValue.INSTANCE;
                }
                return best;
        }
    }

    public BigDecimal windowDecimal(WindowSpec w, long at) {
        Iterator<Event> it = window(w.source(), at, w.overMillis());
        int slot = w.field().get().index();
        BigDecimal acc = BigDecimal.ZERO;
        BigDecimal best = null;
        long n = 0;
        while (it.hasNext()) {
            BigDecimal x = it.next().decimalAt(slot);
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
        Object wanted = normal(value);
        Iterator<Event> newestFirst = bySource.get(h.source()).descendingIterator();
        boolean beforeCurrent = current == null || current.schema() != h.source();
        while (newestFirst.hasNext()) {
            Event e = newestFirst.next();
            if (!beforeCurrent) {
                beforeCurrent = e == current;
                continue;
            }
            if (e.time() < at - h.overMillis()) {
                return false;
            }
            if (wanted.equals(normal(e.value(h.field())))) {
                return true;
            }
        }
        return false;
    }

    /** Decimals compare by value (5.0 is 5.00). */
    private static Object normal(Object v) {
        return v instanceof BigDecimal d ? d.stripTrailingZeros() : v;
    }
}
