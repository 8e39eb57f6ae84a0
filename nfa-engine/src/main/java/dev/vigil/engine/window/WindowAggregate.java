package dev.vigil.engine.window;

import dev.vigil.dsl.program.NoValue;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.ValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One velocity window of one key, kept up to date instead of recomputed: a window is asked at
 * times that never go back (events and timers of a key are processed in time order), so each
 * entry is added once when the window first reaches it and removed once when it falls out of
 * (t - d, t]. Count and sums are running totals (sums of doubles kept exactly, rounded when read;
 * sums of decimals given at the scale of the values in the window),
 * minimum and maximum monotonic queues, distinct counts a multiset: exact, with a cost per event
 * that does not grow with the events in the window. If it is ever asked at an earlier time than
 * before, it starts again from the oldest entry kept.
 */
final class WindowAggregate {
    private final WindowSpec spec;
    private final int source;
    private final int field;
    private final ValueType type;
    private long from;
    private long next;
    private long lastAt = Long.MIN_VALUE;
    private long count;
    private long longSum;
    private BigDecimal exactSum = BigDecimal.ZERO;
    /** Whether this is a sum (or average) of decimals, given at the scale of the values in the window. */
    private final boolean decimalSum;
    /**
     * The scales of the decimals in the window and how many of each, as pairs (scale, count): a
     * running total has the largest scale it ever summed, the window's sum the largest of those in
     * it, which is what it is given at (its digits, with their scale, show in alerts).
     */
    private int[] scales = NO_SCALES;
    private int scaleKinds;
    private static final int[] NO_SCALES = {};
    /** Positions of the entries that can still be the minimum (or maximum), values monotonic; MIN and MAX only. */
    private final ArrayDeque<Long> extremes;
    /** How many entries hold each value; DISTINCT only. */
    private final Map<Object, Integer> distinct;

    WindowAggregate(WindowSpec spec, int source, int field, long start) {
        this.spec = spec;
        this.source = source;
        this.field = field;
        this.type = spec.field().map(f -> f.type()).orElse(ValueType.LONG);
        this.from = start;
        this.next = start;
        boolean extreme = spec.function() == WindowSpec.Function.MIN || spec.function() == WindowSpec.Function.MAX;
        this.extremes = extreme ? new ArrayDeque<>(4) : null;
        this.distinct = spec.function() == WindowSpec.Function.DISTINCT ? new HashMap<>(4) : null;
        this.decimalSum = type == ValueType.DECIMAL
                && (spec.function() == WindowSpec.Function.SUM || spec.function() == WindowSpec.Function.AVG);
    }

    /** The source whose entries the window reads. */
    int source() {
        return source;
    }

    /** The position of the field it reads among the source's kept fields, or -1 (a count). */
    int field() {
        return field;
    }

    /** Brings the window to time {@code at} over {@code entries}. */
    void advance(Entries entries, long at) {
        if (at < lastAt) {
            reset(entries.first());
        }
        lastAt = at;
        if (next < entries.first()) {
            reset(entries.first()); // entries it had not read left before it was asked: read what is left
        }
        long edge = at - spec.overMillis();
        if (from == next) {
            // The window holds nothing: entries already out of it need not pass through it (the
            // group keeps entries as long as its longest window; a short one starts near its edge).
            while (next < entries.end() && entries.time(next) <= edge) {
                next++;
            }
            from = next;
        }
        while (next < entries.end() && entries.time(next) <= at) {
            include(entries, next++);
        }
        while (from < next && entries.time(from) <= edge) {
            exclude(entries, from++);
        }
    }

    /** An entry is about to leave the kept entries: the window lets go of it first if it holds it. */
    void leaving(Entries entries, long position) {
        if (position >= from && position < next) {
            exclude(entries, position);
            from = position + 1;
        }
        from = Math.max(from, position + 1);
        next = Math.max(next, position + 1);
    }

    private void reset(long start) {
        from = start;
        next = start;
        count = 0;
        longSum = 0;
        exactSum = BigDecimal.ZERO;
        scaleKinds = 0;
        if (extremes != null) {
            extremes.clear();
        }
        if (distinct != null) {
            distinct.clear();
        }
    }

    private Object value(Entries entries, long position) {
        return entries.value(position, field);
    }

    private void include(Entries entries, long position) {
        count++;
        switch (spec.function()) {
            case SUM, AVG -> addEntry(entries, position, 1);
            case MIN, MAX -> {
                Object v = value(entries, position);
                while (!extremes.isEmpty() && !keeps(value(entries, extremes.peekLast()), v)) {
                    extremes.pollLast();
                }
                extremes.addLast(position);
            }
            case DISTINCT -> distinct.merge(KeyHistory.normal(value(entries, position)), 1, Integer::sum);
            default -> { }
        }
    }

    private void exclude(Entries entries, long position) {
        count--;
        switch (spec.function()) {
            case SUM, AVG -> addEntry(entries, position, -1);
            case MIN, MAX -> {
                if (!extremes.isEmpty() && extremes.peekFirst() == position) {
                    extremes.pollFirst();
                }
            }
            case DISTINCT -> distinct.computeIfPresent(KeyHistory.normal(value(entries, position)), (k, n) -> n == 1 ? null : n - 1);
            default -> { }
        }
    }

    /** Whether an earlier value {@code kept} stays a candidate once {@code newer} is in (strictly better). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean keeps(Object kept, Object newer) {
        int c = ((Comparable) kept).compareTo(newer);
        return spec.function() == WindowSpec.Function.MIN ? c < 0 : c > 0;
    }

    private void addEntry(Entries entries, long position, int sign) {
        Object v = value(entries, position);
        if (decimalSum) {
            countScale(((BigDecimal) v).scale(), sign);
        }
        add(v, sign);
    }

    private void countScale(int scale, int sign) {
        for (int i = 0; i < scaleKinds; i++) {
            if (scales[2 * i] == scale) {
                scales[2 * i + 1] += sign;
                if (scales[2 * i + 1] == 0) {
                    scaleKinds--;
                    scales[2 * i] = scales[2 * scaleKinds];
                    scales[2 * i + 1] = scales[2 * scaleKinds + 1];
                }
                return;
            }
        }
        if (2 * scaleKinds == scales.length) {
            scales = java.util.Arrays.copyOf(scales, Math.max(2, 2 * scales.length));
        }
        scales[2 * scaleKinds] = scale;
        scales[2 * scaleKinds + 1] = sign;
        scaleKinds++;
    }

    /** The scale of the window's sum: as summing from zero gives, at least 0. */
    private int windowScale() {
        int max = 0;
        for (int i = 0; i < scaleKinds; i++) {
            max = Math.max(max, scales[2 * i]);
        }
        return max;
    }

    /** The sum of the decimals in the window, at the largest scale among them and 0 (exact: only zeros go). */
    private BigDecimal decimalSum() {
        return decimalSum ? exactSum.setScale(windowScale(), RoundingMode.UNNECESSARY) : exactSum;
    }

    private void add(Object v, int sign) {
        if (v instanceof Long l) {
            longSum += sign * l;
        } else if (v instanceof BigDecimal d) {
            exactSum = sign > 0 ? exactSum.add(d) : exactSum.subtract(d);
        } else {
            BigDecimal d = new BigDecimal((Double) v); // exact, so removing it later leaves no drift
            exactSum = sign > 0 ? exactSum.add(d) : exactSum.subtract(d);
        }
    }

    private Object extreme(Entries entries) {
        if (extremes.isEmpty()) {
            throw NoValue.INSTANCE;
        }
        return value(entries, extremes.peekFirst());
    }

    long asLong(Entries entries) {
        return switch (spec.function()) {
            case COUNT -> count;
            case DISTINCT -> distinct.size();
            case SUM -> longSum;
            default -> (Long) extreme(entries);
        };
    }

    double asDouble(Entries entries) {
        switch (spec.function()) {
            case SUM:
                return type == ValueType.DOUBLE ? exactSum.doubleValue() : (double) longSum;
            case AVG:
                if (count == 0) {
                    throw NoValue.INSTANCE;
                }
                return type == ValueType.DOUBLE ? exactSum.doubleValue() / count : (double) longSum / count;
            default:
                return ((Number) extreme(entries)).doubleValue();
        }
    }

    BigDecimal asDecimal(Entries entries) {
        switch (spec.function()) {
            case SUM:
                return count == 0 ? BigDecimal.ZERO : decimalSum();
            case AVG:
                if (count == 0) {
                    throw NoValue.INSTANCE;
                }
                return decimalSum().divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
            default:
                return (BigDecimal) extreme(entries);
        }
    }
}
