package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing map against {@code java.util.HashMap} under random puts, gets and removals. */
class StringKeyMapTest {
    @Test
    void behavesAsAHashMap() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            int keySpace = 1 + random.nextInt(seed % 2 == 0 ? 50 : 5_000);
            StringKeyMap<Integer> map = new StringKeyMap<>();
            Map<String, Integer> oracle = new HashMap<>();
            for (int op = 0; op < 50_000; op++) {
                String key = key(random, keySpace);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        map.put(key, op);
                        oracle.put(key, op);
                    }
                    case 1 -> {
                        map.remove(key);
                        oracle.remove(key);
                    }
                    default -> assertEquals(oracle.get(key), map.get(key), key);
                }
                assertEquals(oracle.size(), map.size());
            }
            Map<String, Integer> seen = new HashMap<>();
            map.forEach(seen::put);
            assertEquals(oracle, seen, "seed " + seed);
            for (String key : oracle.keySet()) {
                assertEquals(oracle.get(key), map.get(key));
            }
        }
    }

    /** Keys of a space of {@code n}, a fifth of them pairs with equal string hashes ("Aa" and "BB"). */
    private static String key(Random random, int n) {
        int k = random.nextInt(n);
        return k % 5 == 0 ? (random.nextBoolean() ? "Aa" : "BB") + k : "card-" + k;
    }
}
