package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the heap cache of a disk-backed store promises: every value added is either cached or has
 * been handed to the leave action exactly once; a key stream of one-time keys does not push out
 * keys in use; a key used once leaves soon; a key that comes back soon after leaving stays.
 */
class KeyCacheTest {
    /**
     * The cache as its definition reads: three access-ordered linked maps (probation, protected,
     * evicted keys), each dropping its eldest past its size. The cache keeps all keys in one map
     * instead; it must give the same answers and let the same values leave in the same order.
     */
    private static final class ThreeLinkedMaps<V> {
        final LinkedHashMap<String, V> probation;
        final LinkedHashMap<String, V> protectedKeys;
        final LinkedHashMap<String, Boolean> evicted;

        ThreeLinkedMaps(int capacity, java.util.function.BiConsumer<String, V> leave) {
            int onProbation = Math.max(1, capacity / 10);
            int protectedCapacity = Math.max(1, capacity - onProbation);
            int remembered = Math.max(capacity, 1);
            evicted = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > remembered;
                }
            };
            probation = new LinkedHashMap<>(16, 0.75f, true) {
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
            protectedKeys = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                    if (size() <= protectedCapacity) {
                        return false;
                    }
                    leave.accept(eldest.getKey(), eldest.getValue());
                    return true;
                }
            };
        }

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

        V peek(String key) {
            V v = protectedKeys.get(key);
            return v != null ? v : probation.get(key);
        }

        boolean contains(String key) {
            return protectedKeys.containsKey(key) || probation.containsKey(key);
        }

        void add(String key, V value) {
            if (evicted.remove(key) != null) {
                protectedKeys.put(key, value);
            } else {
                probation.put(key, value);
            }
        }

        void forEach(java.util.function.BiConsumer<String, V> action) {
            protectedKeys.forEach(action);
            probation.forEach(action);
        }
    }

    @Test
    void answersAndEvictsAsThreeLinkedMapsWould() {
        Random random = new Random(20261207);
        for (int r = 0; r < 300; r++) {
            int capacity = 1 + random.nextInt(60);
            int keys = 2 + random.nextInt(6 * capacity + 10);
            List<String> leftCache = new ArrayList<>();
            List<String> leftModel = new ArrayList<>();
            KeyCache<Integer> cache = new KeyCache<>(capacity, (k, v) -> leftCache.add(k + "=" + v));
            ThreeLinkedMaps<Integer> model = new ThreeLinkedMaps<>(capacity, (k, v) -> leftModel.add(k + "=" + v));
            for (int step = 0; step < 3000; step++) {
                String key = "k" + random.nextInt(keys);
                String at = "round " + r + " step " + step + " " + key;
                switch (random.nextInt(4)) {
                    case 0 -> assertEquals(model.get(key), cache.get(key), at);
                    case 1 -> assertEquals(model.peek(key), cache.peek(key), at);
                    case 2 -> assertEquals(model.contains(key), cache.contains(key), at);
                    default -> {
                        if (!model.contains(key)) {
                            model.add(key, step);
                            cache.add(key, step);
                        }
                    }
                }
                assertEquals(leftModel, leftCache, at);
            }
            List<String> heldCache = new ArrayList<>();
            List<String> heldModel = new ArrayList<>();
            cache.forEach((k, v) -> heldCache.add(k + "=" + v));
            model.forEach((k, v) -> heldModel.add(k + "=" + v));
            assertEquals(heldModel, heldCache, "round " + r);
        }
    }

    @Test
    void addingAKeyAlreadyCachedIsRefused() {
        KeyCache<String> cache = new KeyCache<>(10, (k, v) -> { });
        cache.add("a", "v");
        assertThrows(IllegalStateException.class, () -> cache.add("a", "w"));
        assertEquals("v", cache.get("a"));
    }

    @Test
    void everyValueIsCachedOrHasLeftOnceAndTheSizeStaysBounded() {
        Random random = new Random(20261206);
        for (int r = 0; r < 200; r++) {
            int round = r;
            int capacity = 1 + random.nextInt(40);
            Map<String, Integer> left = new HashMap<>();
            KeyCache<Integer> cache = new KeyCache<>(capacity, (k, v) -> left.merge(k + "=" + v, 1, Integer::sum));
            Map<String, Integer> oracle = new HashMap<>(); // what the cache should hold or have handed over last
            for (int step = 0; step < 2000; step++) {
                String key = "k" + random.nextInt(3 * capacity + 5);
                if (cache.get(key) == null) {
                    cache.add(key, step);
                    oracle.put(key, step);
                }
                Map<String, Integer> held = new HashMap<>();
                cache.forEach(held::put);
                assertTrue(held.size() <= capacity + 1, "round " + round + ": " + held.size() + " held of " + capacity);
                held.forEach((k, v) -> assertEquals(oracle.get(k), v, "round " + round + ": " + k));
            }
            // Each value added is held now or left exactly once, never both.
            Set<String> held = new HashSet<>();
            cache.forEach((k, v) -> held.add(k + "=" + v));
            left.forEach((kv, times) -> {
                assertEquals(1, times, "round " + round + ": " + kv + " left twice");
                assertTrue(!held.contains(kv), "round " + round + ": " + kv + " left and is held");
            });
        }
    }

    @Test
    void oneTimeKeysDoNotPushOutKeysInUse() {
        List<String> gone = new ArrayList<>();
        KeyCache<String> cache = new KeyCache<>(100, (k, v) -> gone.add(k));
        for (int i = 0; i < 50; i++) {
            cache.add("busy" + i, "v");
            assertNotNull(cache.get("busy" + i)); // a second use
        }
        for (int i = 0; i < 100_000; i++) {
            cache.add("once" + i, "v");
        }
        for (int i = 0; i < 50; i++) {
            assertNotNull(cache.get("busy" + i), "busy" + i + " was pushed out by keys used once");
        }
        assertEquals(100_000 - 10, gone.size()); // all but the ten on probation now
        assertTrue(gone.stream().allMatch(k -> k.startsWith("once")));
    }

    @Test
    void aKeyUsedOnceLeavesAfterAFewNewKeysAndComingBackSoonIsAdmitted() {
        List<String> gone = new ArrayList<>();
        KeyCache<String> cache = new KeyCache<>(100, (k, v) -> gone.add(k));
        cache.add("a", "v");
        for (int i = 0; i < 10; i++) {
            cache.add("n" + i, "v");
        }
        assertEquals(List.of("a"), gone, "probation holds a tenth of the capacity");
        assertNull(cache.get("a"));
        cache.add("a", "w"); // back soon after leaving: admitted
        for (int i = 10; i < 1_000; i++) {
            cache.add("n" + i, "v");
        }
        assertEquals("w", cache.get("a"));
    }
}
