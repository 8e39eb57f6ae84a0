package dev.vigil.state;

import java.util.function.BiConsumer;

/**
 * A hash map from string keys to values, in one array of key and value pairs with open addressing
 * (linear probing, at most half full). A look-up reads the slot, whose key and value share a cache
 * line, then the key itself: one memory access fewer than {@code java.util.HashMap}'s node, and one
 * object fewer per key, for maps of millions of keys that are looked up at random (the engine's
 * per-key state in memory). Removal shifts the entries after it back, so no tombstones build up.
 * Not thread-safe; no null keys or values.
 */
final class StringKeyMap<V> {
    private static final int MIN_CAPACITY = 16;

    /** Key at 2i, value at 2i + 1; null key: free. */
    private Object[] table = new Object[2 * MIN_CAPACITY];
    private int mask = MIN_CAPACITY - 1;
    private int size;

    @SuppressWarnings("unchecked")
    V get(String key) {
        for (int i = home(key);; i = (i + 1) & mask) {
            Object k = table[2 * i];
            if (k == null) {
                return null;
            }
            if (k == key || k.equals(key)) {
                return (V) table[2 * i + 1];
            }
        }
    }

    void put(String key, V value) {
        for (int i = home(key);; i = (i + 1) & mask) {
            Object k = table[2 * i];
            if (k == null) {
                table[2 * i] = key;
                table[2 * i + 1] = value;
                if (++size > (mask + 1) / 2) {
                    resize();
                }
                return;
            }
            if (k == key || k.equals(key)) {
                table[2 * i + 1] = value;
                return;
            }
        }
    }

    void remove(String key) {
        int i = home(key);
        while (true) {
            Object k = table[2 * i];
            if (k == null) {
                return;
            }
            if (k == key || k.equals(key)) {
                break;
            }
            i = (i + 1) & mask;
        }
        size--;
        // Shift back each later entry of the run whose home is not between the hole and itself.
        for (int j = (i + 1) & mask;; j = (j + 1) & mask) {
            Object k = table[2 * j];
            if (k == null) {
                break;
            }
            int h = home((String) k);
            boolean staysPut = i <= j ? i < h && h <= j : i < h || h <= j;
            if (!staysPut) {
                table[2 * i] = k;
                table[2 * i + 1] = table[2 * j + 1];
                i = j;
            }
        }
        table[2 * i] = null;
        table[2 * i + 1] = null;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<String, V> action) {
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != null) {
                action.accept((String) table[i], (V) table[i + 1]);
            }
        }
    }

    private void resize() {
        Object[] old = table;
        table = new Object[old.length * 2];
        mask = table.length / 2 - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != null) {
                int j = home((String) old[i]);
                while (table[2 * j] != null) {
                    j = (j + 1) & mask;
                }
                table[2 * j] = old[i];
                table[2 * j + 1] = old[i + 1];
            }
        }
    }

    /**
     * The key's first slot: its string hash mixed (MurmurHash3's finaliser) and the low bits taken,
     * so that keys sharing high bits (one engine shard's share) still spread over the whole table.
     */
    private int home(String key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & mask;
    }
}
