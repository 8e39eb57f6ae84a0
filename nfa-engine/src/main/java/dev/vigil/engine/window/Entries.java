package dev.vigil.engine.window;

/**
 * One source's remembered events in processing order, as a ring addressed by absolute position
 * (the n-th entry ever added is at n), so that window aggregates can remember how far they have
 * read and expired even while old entries leave.
 */
final class Entries {
    /** One remembered event: its time, its arrival sequence and the values of the kept fields. */
    record Entry(long time, long sequence, Object[] values) {}

    private Entry[] ring = new Entry[4];
    private int head;
    private int size;
    /** Entries that have left from the front: the absolute position of the first one. */
    private long dropped;

    void add(Entry e) {
        if (size == ring.length) {
            Entry[] grown = new Entry[ring.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = ring[(head + i) % ring.length];
            }
            ring = grown;
            head = 0;
        }
        ring[(head + size) % ring.length] = e;
        size++;
    }

    /** The absolute position of the oldest entry kept. */
    long first() {
        return dropped;
    }

    /** One past the absolute position of the newest entry. */
    long end() {
        return dropped + size;
    }

    Entry get(long position) {
        return ring[(int) ((head + (position - dropped)) % ring.length)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    Entry oldest() {
        return ring[head];
    }

    void dropOldest() {
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        dropped++;
    }

    int size() {
        return size;
    }
}
