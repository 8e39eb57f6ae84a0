package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStateBackendTest extends KeyedStoreContract {
    @TempDir
    Path dir;
    private int opened;

    @Override
    StateBackend backend() {
        return new RocksDbStateBackend(RocksDbStateBackend.Config.at(dir.resolve("db" + opened++)));
    }

    private static final Codec<String> UTF8 = new Codec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    @Test
    void stateAndTimersSurviveReopeningAndACheckpointIsACopyAsOfItsTime() {
        Path live = dir.resolve("live");
        Path copy = dir.resolve("copy");
        try (RocksDbStateBackend b = new RocksDbStateBackend(RocksDbStateBackend.Config.at(live))) {
            b.store("nfa/card_id", UTF8).put("c1", "state of c1");
            b.timers().register(50, 2, "c1");
            b.timers().register(40, 1, "c2");
            b.checkpoint(copy);
            b.store("nfa/card_id", UTF8).put("c1", "changed after the checkpoint");
            assertEquals(new TimerQueue.Timer(40, 1, "c2"), b.timers().poll());
        }
        try (RocksDbStateBackend b = new RocksDbStateBackend(RocksDbStateBackend.Config.at(copy))) {
            assertEquals("state of c1", b.store("nfa/card_id", UTF8).get("c1"));
            assertEquals(new TimerQueue.Timer(40, 1, "c2"), b.timers().poll());
            assertEquals(new TimerQueue.Timer(50, 2, "c1"), b.timers().poll());
            assertNull(b.timers().poll());
        }
        try (RocksDbStateBackend b = new RocksDbStateBackend(RocksDbStateBackend.Config.at(live))) {
            assertEquals("changed after the checkpoint", b.store("nfa/card_id", UTF8).get("c1"));
            assertEquals(new TimerQueue.Timer(50, 2, "c1"), b.timers().peek());
        }
    }

    @Test
    void timersOrderNegativeTimesAndKeysAsInMemory() {
        try (StateBackend b = backend()) {
            TimerQueue t = b.timers();
            t.register(-5, 0, "b");
            t.register(-5, 0, "a");
            t.register(3, 0, "\uD83D\uDE00"); // a supplementary character sorts after U+FFFD in String order
            t.register(3, 0, "\uFFFD");
            assertEquals(new TimerQueue.Timer(-5, 0, "a"), t.poll());
            assertEquals(new TimerQueue.Timer(-5, 0, "b"), t.poll());
            assertEquals(new TimerQueue.Timer(3, 0, "\uD83D\uDE00"), t.poll());
            assertEquals(new TimerQueue.Timer(3, 0, "\uFFFD"), t.poll());
        }
    }

    /** A cache of two keys over many: values survive eviction, removal and reopening. */
    @Test
    void valuesLeavingTheHeapCacheAreWrittenAndReadBack() {
        Path db = dir.resolve("small-cache");
        java.util.Map<String, String> expected = new java.util.TreeMap<>();
        java.util.Random r = new java.util.Random(4);
        try (RocksDbStateBackend b = new RocksDbStateBackend(new RocksDbStateBackend.Config(db, 8L << 20, 4L << 20, 2))) {
            KeyedStore<String> s = b.store("s", UTF8);
            for (int i = 0; i < 2_000; i++) {
                String key = "k" + r.nextInt(50);
                switch (r.nextInt(4)) {
                    case 0 -> {
                        s.remove(key);
                        expected.remove(key);
                    }
                    case 1 -> assertEquals(expected.get(key), s.get(key), "step " + i);
                    default -> {
                        s.put(key, "v" + i);
                        expected.put(key, "v" + i);
                    }
                }
            }
            java.util.Map<String, String> seen = new java.util.TreeMap<>();
            s.forEach(seen::put);
            assertEquals(expected, seen);
            assertEquals(expected.size(), s.size());
        }
        try (RocksDbStateBackend b = new RocksDbStateBackend(RocksDbStateBackend.Config.at(db))) {
            java.util.Map<String, String> seen = new java.util.TreeMap<>();
            b.store("s", UTF8).forEach(seen::put);
            assertEquals(expected, seen, "closing writes back what the cache held");
        }
    }

    /** More timers than one read batch, with registrations before, inside and after the buffered range. */
    @Test
    void timersBeyondOneBatchFireInOrderOnce() {
        java.util.Comparator<TimerQueue.Timer> order = java.util.Comparator.comparingLong(TimerQueue.Timer::time)
                .thenComparingInt(TimerQueue.Timer::namespace).thenComparing(TimerQueue.Timer::key);
        java.util.TreeSet<TimerQueue.Timer> reference = new java.util.TreeSet<>(order);
        java.util.Random r = new java.util.Random(8);
        try (StateBackend b = backend()) {
            TimerQueue q = b.timers();
            for (int i = 0; i < 20_000; i++) {
                TimerQueue.Timer t = new TimerQueue.Timer(r.nextInt(1_000_000), r.nextInt(2), "k" + r.nextInt(1000));
                q.register(t.time(), t.namespace(), t.key());
                reference.add(t);
            }
            long now = 0;
            for (int step = 0; step < 60_000; step++) {
                if (r.nextInt(3) == 0) {
                    // Ahead of the last fired timer: soon (inside the buffer) or far (beyond it).
                    long time = now + (r.nextBoolean() ? r.nextInt(50) : r.nextInt(1_000_000));
                    TimerQueue.Timer t = new TimerQueue.Timer(time, r.nextInt(2), "n" + r.nextInt(1000));
                    q.register(t.time(), t.namespace(), t.key());
                    reference.add(t);
                } else {
                    TimerQueue.Timer expected = reference.pollFirst();
                    assertEquals(expected, q.poll(), "step " + step);
                    if (expected != null) {
                        now = expected.time();
                    }
                }
            }
            assertEquals(reference.size(), q.size());
            while (!reference.isEmpty()) {
                assertEquals(reference.pollFirst(), q.poll());
            }
            assertNull(q.poll());
        }
    }
}
