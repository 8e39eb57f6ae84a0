package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Both timer queues against a sorted set: same timers, same order, duplicates fire once. */
class TimerQueuePropertyTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void inMemoryFiresLikeASortedSet() {
        firesLikeASortedSet(200, () -> new InMemoryStateBackend());
    }

    @Test
    void rocksDbFiresLikeASortedSet() {
        int[] n = {0};
        firesLikeASortedSet(20, () -> new RocksDbStateBackend(RocksDbStateBackend.Config.at(dir.resolve("r" + n[0]++))));
    }

    /**
     * Many more timers than the queue buffers on the heap, registered ahead of what fires (as a
     * million keys' clean-up timers are): they fire in order, and the heap holds a bounded number.
     */
    @Test
    void rocksDbFiresManyTimersInOrderAndBuffersABoundedNumber() {
        Comparator<TimerQueue.Timer> order = Comparator.comparingLong(TimerQueue.Timer::time)
                .thenComparingInt(TimerQueue.Timer::namespace).thenComparing(TimerQueue.Timer::key);
        Random r = new Random(11);
        try (RocksDbStateBackend backend = new RocksDbStateBackend(RocksDbStateBackend.Config.at(dir.resolve("many")))) {
            TimerQueue q = backend.timers();
            TreeSet<TimerQueue.Timer> reference = new TreeSet<>(order);
            int mostBuffered = 0;
            for (int step = 0; step < 60_000; step++) {
                if (step % 4 == 3) {
                    assertEquals(reference.pollFirst(), q.poll(), "step " + step);
                } else {
                    long time = (reference.isEmpty() ? 0 : reference.first().time()) + r.nextInt(1_000_000);
                    TimerQueue.Timer t = new TimerQueue.Timer(time, r.nextInt(3), "k" + r.nextInt(100_000));
                    q.register(t.time(), t.namespace(), t.key());
                    reference.add(t);
                }
                mostBuffered = Math.max(mostBuffered, backend.bufferedTimers());
            }
            while (!reference.isEmpty()) {
                assertEquals(reference.pollFirst(), q.poll());
            }
            assertEquals(null, q.poll());
            assertTrue(mostBuffered <= 2 * 4096, "at most " + mostBuffered + " timers on the heap");
        }
    }

    private static void firesLikeASortedSet(int rounds, java.util.function.Supplier<StateBackend> backends) {
        Comparator<TimerQueue.Timer> order = Comparator.comparingLong(TimerQueue.Timer::time)
                .thenComparingInt(TimerQueue.Timer::namespace).thenComparing(TimerQueue.Timer::key);
        Random r = new Random(3);
        for (int round = 0; round < rounds; round++) {
            try (StateBackend backend = backends.get()) {
                TimerQueue q = backend.timers();
                TreeSet<TimerQueue.Timer> reference = new TreeSet<>(order);
                long now = 0;
                for (int step = 0; step < 500; step++) {
                    if (r.nextInt(3) > 0) {
                        // Mostly ahead of "now", sometimes behind it, sometimes at it (a tie with the timer
                        // just fired, decided by namespace and key), in or across one-second buckets.
                        int when = r.nextInt(8);
                        long time = when == 0 ? now + r.nextInt(5000) - 3000 : when == 1 ? now : now + r.nextInt(5000);
                        TimerQueue.Timer t = new TimerQueue.Timer(time, r.nextInt(3), key(r));
                        q.register(t.time(), t.namespace(), t.key());
                        reference.add(t);
                        if (backend instanceof RocksDbStateBackend && r.nextInt(8) == 0) {
                            // What is on disk (a snapshot's copy) holds every timer not fired, even one
                            // registered behind the last fired, which the pending delete of fired timers must spare.
                            assertEquals(reference.size(), q.size(), "round " + round + ", step " + step);
                        }
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

    /**
     * Mostly plain keys; sometimes one beyond ASCII: accented, a symbol above the surrogates, a
     * character outside the basic plane (a surrogate pair) and a lone surrogate, which must come
     * back as it went in and fire in {@code String.compareTo} order.
     */
    private static String key(Random r) {
        String[] odd = {"k\u00e9", "k\u20ac", "k\uD83D\uDE00", "k\uD800", "k\uE000x", "k\uFFFF"};
        return r.nextInt(4) == 0 ? odd[r.nextInt(odd.length)] : "k" + r.nextInt(20);
    }
}
