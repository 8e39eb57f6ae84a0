package dev.vigil.engine.window;

/**
 * One source's remembered events in processing order, as a ring addressed by absolute position
 * (the n-th entry ever added is at n), so that window aggregates can remember how far they have
 * read and expired even while old entries leave. Stored by column (times, arrival sequences, one
 * array per kept field) rather than as an object per entry: a million keys' histories are then a
 * few arrays each, not tens of millions of small objects for the collector to trace.
 */
final class Entries {
    private long[] times = new long[4];
    private long[] sequences = new long[4];
    /** {@code columns[field][slot]}: the kept fields' values. */
    private final Object[][] columns;
    private int head;
    private int size;
    /** Entries that have left from the front: the absolute position of the first one. */
    private long dropped;

    Entries(int fields) {
        columns = new Object[fields][4];
    }

    /** Adds an entry at {@link #end()}; its values are then set with {@link #setNewest}. */
    void add(long time, long sequence) {
        if (size == times.length) {
            grow();
        }
        int slot = (head + size) % times.length;
        times[slot] = time;
        sequences[slot] = sequence;
        size++;
    }

    void setNewest(int field, Object value) {
        columns[field][(head + size - 1) % times.length] = value;
    }

    private void grow() {
        int capacity = times.length;
        long[] t = new long[capacity * 2];
        long[] s = new long[capacity * 2];
        for (int i = 0; i < size; i++) {
            t[i] = times[(head + i) % capacity];
            s[i] = sequences[(head + i) % capacity];
        }
        for (int f = 0; f < columns.length; f++) {
            Object[] c = new Object[capacity * 2];
            for (int i = 0; i < size; i++) {
                c[i] = columns[f][(head + i) % capacity];
            }
            columns[f] = c;
        }
        times = t;
        sequences = s;
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
        return (int) ((head + (position - dropped)) % times.length);
    }

    long time(long position) {
        return times[slot(position)];
    }

    long sequence(long position) {
        return sequences[slot(position)];
    }

    Object value(long position, int field) {
        return columns[field][slot(position)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    long oldestTime() {
        return times[head];
    }

    long newestTime() {
        return times[(head + size - 1) % times.length];
    }

    void dropOldest() {
        for (Object[] c : columns) {
            c[head] = null;
        }
        head = (head + 1) % times.length;
        size--;
        dropped++;
    }

    int size() {
        return size;
    }
}
