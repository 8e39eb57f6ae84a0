package dev.vigil.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The heap cache of a disk-backed store: which keys' decoded values stay on the heap, and which
 * leave. A segmented LRU with a list of recently evicted keys (as in 2Q): a key enters on
 * probation, a small part of the cache, and joins the protected part only when it is used again,
 * on probation or soon after leaving it. With millions of keys each used a few times a day a
 * plain LRU turned its whole content over between two young collections, so every value it held
 * was copied into the old generation and dropped there; on probation such a key's value leaves
 * before the next collection. A busy key (the dense end: every card used again within minutes)
 * is protected after its second use.
 *
 * <p>Not Caffeine: its eviction is amortized and may fall on any call, while a store's value is
 * changed in place between its get and put and must not be handed to the writer in between; here
 * a key leaves only when another key is added or admitted. Values are never null (a store caches
 * known absence as a value of its own).
 */
final class KeyCache<V> {
    private final LinkedHashMap<String, V> probation;
    private final LinkedHashMap<String, V> protectedKeys;
    /** Keys evicted from probation, most recent last: used again while listed, they are admitted. */
    private final LinkedHashMap<String, Boolean> evicted;

    /**
     * About {@code capacity} values: a tenth on probation (at least one), the rest protected (at
     * least one); {@code leave} receives each value that leaves.
     */
    KeyCache(int capacity, BiConsumer<String, V> leave) {
        int onProbation = Math.max(1, capacity / 10);
        int protectedCapacity = Math.max(1, capacity - onProbation);
        int remembered = Math.max(capacity, 1);
        this.probation = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() <= onProbation) {
                    return false;
                }
                evicted.put(eldest.getKey(), Boolean.TRUE);
                leave.accept(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
        this.protectedKeys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() <= protectedCapacity) {
                    return false;
                }
                leave.accept(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
        this.evicted = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /** The key's value, or null when it is not cached; a use (a second one admits a key on probation). */
    V get(String key) {
        V v = protectedKeys.get(key);
        if (v != null) {
            return v;
        }
        v = probation.remove(key);
        if (v != null) {
            protectedKeys.put(key, v);
        }
        return v;
    }

    /** The key's value, or null when it is not cached, without counting a use (as after a get, to change it). */
    V peek(String key) {
        V v = protectedKeys.get(key);
        return v != null ? v : probation.get(key);
    }

    /** Whether the key is cached, without counting a use. */
    boolean contains(String key) {
        return protectedKeys.containsKey(key) || probation.containsKey(key);
    }

    /** Caches the value of a key that is not cached; another key may leave. */
    void add(String key, V value) {
        if (evicted.remove(key) != null) {
            protectedKeys.put(key, value);
        } else {
            probation.put(key, value);
        }
    }

    /** Every cached key and value (the action must not add or remove keys). */
    void forEach(BiConsumer<String, V> action) {
        protectedKeys.forEach(action);
        probation.forEach(action);
    }
}
