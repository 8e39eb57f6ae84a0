package dev.vigil.engine.nfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Places by identity, against an identity map and a list, below and beyond the scanned few, also once cleared. */
class IdentityPlacesTest {
    @Test
    void placesAreByIdentityInTheOrderAdded() {
        Random random = new Random(3);
        IdentityPlaces<String> reused = new IdentityPlaces<>();
        List<String> pool = new ArrayList<>();
        for (int round = 0; round < 2_000; round++) {
            // Every other round on an instance cleared after the last (as the codecs reuse theirs),
            // often with the same objects as the last round: a cleared instance knows none of them.
            IdentityPlaces<String> places = round % 2 == 0 ? new IdentityPlaces<>() : reused;
            places.clear();
            Map<String, Integer> oracle = new IdentityHashMap<>();
            List<String> order = new ArrayList<>();
            // Equal texts that are different objects: only identity counts.
            if (pool.isEmpty() || random.nextBoolean()) {
                pool = new ArrayList<>();
                for (int i = random.nextInt(40) + 1; i > 0; i--) {
                    pool.add(new String("v" + random.nextInt(5)));
                }
            }
            for (int step = 0; step < 60; step++) {
                String s = pool.get(random.nextInt(pool.size()));
                assertEquals(oracle.getOrDefault(s, -1), places.placeOf(s));
                if (!oracle.containsKey(s)) {
                    assertEquals(order.size(), places.add(s));
                    oracle.put(s, order.size());
                    order.add(s);
                }
                assertEquals(order.size(), places.size());
            }
            for (int i = 0; i < order.size(); i++) {
                assertSame(order.get(i), places.get(i));
                assertEquals(i, places.placeOf(order.get(i)));
            }
        }
    }
}
