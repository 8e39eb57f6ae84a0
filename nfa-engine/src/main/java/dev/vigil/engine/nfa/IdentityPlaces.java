package dev.vigil.engine.nfa;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * Places of objects by identity, numbered in the order they were added: what the state codecs
 * write shared path nodes, choices and events by. A key's state holds a handful of each, so they
 * are found by a scan, without a hash map made per value written; a map takes over beyond a few.
 * The codecs keep one per thread and {@link #clear} it for each value.
 */
final class IdentityPlaces<T> {
    /** Beyond this many, a map: a scan of a few is cheaper than a hash map made per value written. */
    static final int SCANNED = 8;

    private Object[] items = new Object[4];
    private int size;
    private IdentityHashMap<T, Integer> map;

    /** The place of {@code t}, or -1. */
    int placeOf(T t) {
        if (map != null) {
            Integer p = map.get(t);
            return p == null ? -1 : p;
        }
        for (int i = 0; i < size; i++) {
            if (items[i] == t) {
                return i;
            }
        }
        return -1;
    }

    /** Places {@code t} (not placed yet) after the others; its place. */
    @SuppressWarnings("unchecked")
    int add(T t) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size] = t;
        if (map != null) {
            map.put(t, size);
        } else if (size == SCANNED) {
            map = new IdentityHashMap<>();
            for (int i = 0; i <= size; i++) {
                map.put((T) items[i], i);
            }
        }
        return size++;
    }

    int size() {
        return size;
    }

    /** Forgets every object (and lets go of them), for the next value written with this instance. */
    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
        map = null;
    }

    @SuppressWarnings("unchecked")
    T get(int place) {
        return (T) items[place];
    }
}
