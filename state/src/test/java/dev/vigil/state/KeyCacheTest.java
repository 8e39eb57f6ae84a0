package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
