package dev.vigil.engine.window;

/**
 * One source's remembered events in processing order, as a ring addressed by absolute position
 * (the n-th entry ever added is at n), so that window aggregates can remember how far they have
 * read and expired even while old entries leave. Stored as two arrays, not an object per entry:
 * times and arrival sequences side by side in one, the kept fields' values row by row in the
 * other. A million keys' histories are then a few arrays each, not tens of millions of small
 * objects for the collector to trace.
 */
final class Entries {
    private static final Object[] NO_VALUES = {};

    private final int fields;
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

    Entries(int fields) {
        this.fields = fields;
        this.values = fields == 0 ? NO_VALUES : new Object[capacity * fields];
        this.clearedBefore = new long[fields];
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
        values[((head + size - 1) & (capacity - 1)) * fields + field] = value;
    }

    private void grow() {
        long[] s = new long[stamps.length * 2];
        Object[] v = fields == 0 ? NO_VALUES : new Object[values.length * 2];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (capacity - 1);
            s[2 * i] = stamps[2 * from];
            s[2 * i + 1] = stamps[2 * from + 1];
            System.arraycopy(values, from * fields, v, i * fields, fields);
        }
        stamps = s;
        values = v;
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
        return values[slot(position) * fields + field];
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
        java.util.Arrays.fill(values, head * fields, head * fields + fields, null);
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
        values[slot(clearedBefore[field]) * fields + field] = null;
        clearedBefore[field]++;
    }

    int size() {
        return size;
    }
}
