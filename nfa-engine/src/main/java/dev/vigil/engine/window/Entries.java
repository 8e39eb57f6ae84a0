package dev.vigil.engine.window;

import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * One source's remembered events in processing order, as a ring addressed by absolute position
 * (the n-th entry ever added is at n), so that window aggregates can remember how far they have
 * read and expired even while old entries leave. Stored as arrays, not an object per entry:
 * times and arrival sequences side by side in one, the kept fields' values row by row in
 * another. A million keys' histories are then a few arrays each, not tens of millions of small
 * objects for the collector to trace. Decimals (amounts, which sums read for days) are kept as
 * numbers in a third array, not as an object each: {@link #pack}.
 */
final class Entries {
    private static final Object[] NO_VALUES = {};

    private final int fields;
    /** By field: its column among the packed decimals, or -1 (not a decimal). */
    private final int[] decimalColumn;
    private final int decimals;
    /** {@code packed[slot * decimals + column]}: the decimal fields' values, {@link #pack}ed. */
    private long[] packed;
    private int capacity = 4; // a power of two: a slot is a position masked
    /** {@code stamps[2 * slot]}: the entry's time; {@code stamps[2 * slot + 1]}: its arrival sequence. */
    private long[] stamps = new long[2 * capacity];
    /** {@code values[slot * fields + field]}: the kept fields' values. */
    private Object[] values;
    private int head;
    private int size;
    /** Entries that have left from the front: the absolute position of the first one. */
    private long dropped;
    /** By field: the position before which the field's values have been let go of (they outlive no reader). */
    private final long[] clearedBefore;

    /** {@code decimalColumns}: by kept field, its column among the packed decimals or -1 ({@link #decimalColumns}). */
    Entries(int[] decimalColumns) {
        this.fields = decimalColumns.length;
        this.values = fields == 0 ? NO_VALUES : new Object[capacity * fields];
        this.clearedBefore = new long[fields];
        this.decimalColumn = decimalColumns;
        int columns = 0;
        for (int c : decimalColumns) {
            columns += c >= 0 ? 1 : 0;
        }
        this.decimals = columns;
        this.packed = new long[capacity * columns];
    }

    /** By field of {@code kept}: its column among the packed decimals, or -1; worked out once per layout, shared. */
    static int[] decimalColumns(List<FieldSlot> kept) {
        int[] columns = new int[kept.size()];
        int next = 0;
        for (int f = 0; f < columns.length; f++) {
            columns[f] = kept.get(f).type() == ValueType.DECIMAL ? next++ : -1;
        }
        return columns;
    }

    /** Adds an entry at {@link #end()}; its values are then set with {@link #setNewest}. */
    void add(long time, long sequence) {
        if (size == capacity) {
            grow();
        }
        int slot = (head + size) & (capacity - 1);
        stamps[2 * slot] = time;
        stamps[2 * slot + 1] = sequence;
        size++;
    }

    void setNewest(int field, Object value) {
        int slot = (head + size - 1) & (capacity - 1);
        int column = decimalColumn[field];
        if (column < 0) {
            values[slot * fields + field] = value;
            return;
        }
        long p = value == null ? NULL : pack((BigDecimal) value);
        packed[slot * decimals + column] = p;
        values[slot * fields + field] = p == UNPACKED ? value : null;
    }

    private void grow() {
        long[] s = new long[stamps.length * 2];
        Object[] v = fields == 0 ? NO_VALUES : new Object[values.length * 2];
        long[] d = new long[packed.length * 2];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (capacity - 1);
            s[2 * i] = stamps[2 * from];
            s[2 * i + 1] = stamps[2 * from + 1];
            System.arraycopy(values, from * fields, v, i * fields, fields);
            System.arraycopy(packed, from * decimals, d, i * decimals, decimals);
        }
        stamps = s;
        values = v;
        packed = d;
        capacity *= 2;
        head = 0;
    }

    /** The absolute position of the oldest entry kept. */
    long first() {
        return dropped;
    }

    /** One past the absolute position of the newest entry. */
    long end() {
        return dropped + size;
    }

    private int slot(long position) {
        return (int) ((head + (position - dropped)) & (capacity - 1));
    }

    long time(long position) {
        return stamps[2 * slot(position)];
    }

    long sequence(long position) {
        return stamps[2 * slot(position) + 1];
    }

    Object value(long position, int field) {
        int slot = slot(position);
        int column = decimalColumn[field];
        if (column < 0) {
            return values[slot * fields + field];
        }
        long p = packed[slot * decimals + column];
        return p == NULL ? null : p == UNPACKED ? values[slot * fields + field] : unpack(p);
    }

    // A packed decimal: its unscaled value shifted left by 8, its scale (0 to 127) in the low byte.
    // Amounts of up to 16 digits pack; others (and negative scales) stay objects, marked UNPACKED.
    private static final long NULL = Long.MIN_VALUE;
    private static final long UNPACKED = Long.MIN_VALUE + 1;

    static long pack(BigDecimal d) {
        int scale = d.scale();
        if (scale < 0 || scale > 127 || d.precision() > 16) {
            return UNPACKED;
        }
        return d.unscaledValue().longValue() << 8 | scale;
    }

    private static BigDecimal unpack(long p) {
        return BigDecimal.valueOf(p >> 8, (int) (p & 0xFF));
    }

    boolean isEmpty() {
        return size == 0;
    }

    long oldestTime() {
        return stamps[2 * head];
    }

    long newestTime() {
        return stamps[2 * ((head + size - 1) & (capacity - 1))];
    }

    void dropOldest() {
        Arrays.fill(values, head * fields, head * fields + fields, null);
        Arrays.fill(packed, head * decimals, head * decimals + decimals, NULL);
        head = (head + 1) & (capacity - 1);
        size--;
        dropped++;
        for (int f = 0; f < fields; f++) {
            clearedBefore[f] = Math.max(clearedBefore[f], dropped);
        }
    }

    /** The first entry whose value of {@code field} is still held. */
    long clearedBefore(int field) {
        return clearedBefore[field];
    }

    /** Lets go of the value of {@code field} in the first entry that still holds it. */
    void clearNext(int field) {
        int slot = slot(clearedBefore[field]);
        values[slot * fields + field] = null;
        if (decimalColumn[field] >= 0) {
            packed[slot * decimals + decimalColumn[field]] = NULL;
        }
        clearedBefore[field]++;
    }

    int size() {
        return size;
    }
}
