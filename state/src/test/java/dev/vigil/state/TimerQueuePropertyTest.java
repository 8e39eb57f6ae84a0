package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The in-memory timer queue against a sorted set: same timers, same order, duplicates fire once. */
class TimerQueuePropertyTest {
    @Test
    void firesLikeASortedSet() {
        Comparator<TimerQueue.Timer> order = Comparator.comparingLong(TimerQueue.Timer::time)
                .thenComparingInt(TimerQueue.Timer::namespace).thenComparing(TimerQueue.Timer::key);
        Random r = new Random(3);
        for (int round = 0; round < 200; round++) {
            try (InMemoryStateBackend backend = new InMemoryStateBackend()) {
                TimerQueue q = backend.timers();
                TreeSet<TimerQueue.Timer> reference = new TreeSet<>(order);
                long now = 0;
                for (int step = 0; step < 500; step++) {
                    if (r.nextInt(3) > 0) {
                        // Mostly ahead of "now", sometimes behind it, in or across one-second buckets.
                        long time = now + r.nextInt(5000) - (r.nextInt(8) == 0 ? 3000 : 0);
                        TimerQueue.Timer t = new TimerQueue.Timer(time, r.nextInt(3), "k" + r.nextInt(20));
                        q.register(t.time(), t.namespace(), t.key());
                        reference.add(t);
                    } else {
                        TimerQueue.Timer expected = reference.pollFirst();
                        assertEquals(expected, q.poll(), "round " + round + ", step " + step);
                        if (expected != null) {
                            now = expected.time();
                        }
                    }
                }
                while (!reference.isEmpty()) {
                    assertEquals(reference.pollFirst(), q.poll());
                }
                assertEquals(null, q.poll());
            }
        }
    }
}
