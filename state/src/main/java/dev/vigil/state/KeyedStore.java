package dev.vigil.state;

import java.util.function.BiConsumer;

/**
 * A map from key to value within one namespace (one per rule and kind of state). Values read with
 * {@link #get} must be written back with {@link #put} after a change: a disk-backed store holds a
 * copy, not the live object, and a change not put back may be lost (the store may keep, or read
 * again, the value as last put). The engine leaves unput only changes it would make again (a
 * history's prune).
 */
public interface KeyedStore<V> {
    /** The value of a key, or null. */
    V get(String key);

    void put(String key, V value);

    void remove(String key);

    long size();

    void forEach(BiConsumer<String, V> action);

    /**
     * A hint that {@code key} will be read soon, so that a disk-backed store can read it in the
     * background; {@link #get} gives the same value with or without it. Memory ignores it.
     */
    default void prefetch(String key) {}

    /** Whether {@link #prefetch} does anything: a caller may skip working out keys for a store that ignores it. */
    default boolean readsAhead() {
        return false;
    }
}
