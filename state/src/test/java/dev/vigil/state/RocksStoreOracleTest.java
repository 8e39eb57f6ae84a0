package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RocksDB store with its heap cache, reads ahead and writes behind gives what a plain map gives,
 * whatever the interleaving: keys are hinted some steps before they are used (as the engine hints
 * an event's key when it arrives and reads it when the watermark lets the event through), values are
 * changed in place and put back (as the engine does), the cache is far smaller than the keys (so
 * values leave it, are written behind, and come back while their write may be under way), and the
 * store is written back, checkpointed and reopened now and then.
 */
class RocksStoreOracleTest {
    @TempDir
    Path dir;

    /** Values are mutable, as the engine's are: a write that read a value after it changed would show. */
    private static final Codec<StringBuilder> CODEC = new Codec<>() {
        @Override
        public byte[] encode(StringBuilder value) {
            return value.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public StringBuilder decode(byte[] bytes) {
            return new StringBuilder(new String(bytes, StandardCharsets.UTF_8));
        }
    };

    static long[] seeds() {
        return new Random(20261123).longs(40).toArray();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void behavesAsAMap(long seed) {
        Random random = new Random(seed);
        int keys = 20 + random.nextInt(200);
        int cached = 1 + random.nextInt(16);
        int lead = random.nextInt(2) == 0 ? random.nextInt(40) : random.nextInt(700); // steps from a hint to its use
        Map<String, String> oracle = new HashMap<>();
        ArrayDeque<String> upcoming = new ArrayDeque<>();
        RocksDbStateBackend backend = open(cached, "live");
        KeyedStore<StringBuilder> store = backend.store("nfa/card_id", CODEC);
        for (int step = 0; step < 4000; step++) {
            String next = "k" + random.nextInt(keys);
            store.prefetch(next);
            upcoming.addLast(next);
            if (upcoming.size() <= lead) {
                continue;
            }
            String key = upcoming.pollFirst();
            StringBuilder value = store.get(key);
            assertEquals(oracle.get(key), value == null ? null : value.toString(), "seed " + seed + ", step " + step + ", " + key);
            int action = random.nextInt(10);
            if (action < 2 && value != null) {
                store.remove(key);
                oracle.remove(key);
            } else if (action < 9) {
                StringBuilder v = value == null ? new StringBuilder() : value;
                v.append((char) ('a' + random.nextInt(26)));
                store.put(key, v);
                oracle.put(key, v.toString());
            } // else only read
            int rare = random.nextInt(500);
            if (rare == 0) {
                assertEquals(oracle.size(), store.size(), "seed " + seed + ", step " + step);
            } else if (rare == 1) {
                backend.close();
                backend = open(cached, "live");
                store = backend.store("nfa/card_id", CODEC);
                upcoming.forEach(store::prefetch); // their hints went with the closed store
            } else if (rare == 2) {
                Path copy = dir.resolve("copy" + step);
                backend.checkpoint(copy);
                try (RocksDbStateBackend restored = open(cached, "copy" + step)) {
                    assertEquals(new TreeMap<>(oracle), contents(restored.store("nfa/card_id", CODEC)), "seed " + seed);
                }
            }
        }
        assertEquals(new TreeMap<>(oracle), contents(store), "seed " + seed);
        backend.close();
        try (RocksDbStateBackend reopened = open(cached, "live")) {
            assertEquals(new TreeMap<>(oracle), contents(reopened.store("nfa/card_id", CODEC)), "seed " + seed);
        }
    }

    private RocksDbStateBackend open(int cachedKeys, String name) {
        // Read ahead as little as the cache is large, so that chunks also wait for their turn.
        return new RocksDbStateBackend(new RocksDbStateBackend.Config(dir.resolve(name), 8L << 20, 4L << 20, cachedKeys,
                Math.max(cachedKeys / 4, 1)));
    }

    private static TreeMap<String, String> contents(KeyedStore<StringBuilder> store) {
        TreeMap<String, String> out = new TreeMap<>();
        store.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }
}
