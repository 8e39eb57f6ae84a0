package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.Codec;
import dev.vigil.state.InMemoryStateBackend;
import dev.vigil.state.KeyedStore;
import dev.vigil.state.StateBackend;
import dev.vigil.state.TimerQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Several engine shards give what one engine gives, in the same order: the oracle is the single
 * engine (itself held to brute force by {@link OracleTest}). The rules cover what a shard's order
 * depends on: events, timers ({@code within}, absences), runs completed at the end of the input,
 * two key groups, events arriving out of order over two inputs, and late events.
 */
class ShardedEngineTest {
    private static final String RULES = """
            event E {
              id id
              time ts
              out_of_order 5m
              lateness 0s
              id: string
              k: string
              g: string
              ts: timestamp
              kind: string
              v: int
            }
            rule pair {
              key k
              match a: E where kind = "a" then b: E where kind = "b"
              within 20m
            }
            rule unanswered {
              key k
              match d: E where kind = "d" not then x: E where kind = "x"
              within 30m
            }
            rule counted {
              key k
              match c: E where kind = "c"
              when count(E over 1h) >= 3
            }
            rule last_word {
              key k
              match a: E where kind = "a" not next b: E where kind = "b"
              max_partials 1000
            }
            rule by_group {
              key g
              match a: E+ where kind in ("a", "c") then d: E where kind = "d"
              within 15m
              after match skip past last
            }
            rule group_sum {
              key g
              match x: E where kind = "x"
              when sum(E.v over 10m) > 40
            }
            """;

    @Test
    void shardsGiveOneEnginesOutputLineForLine() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", RULES)), List.of("r.vgl"));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        EventSchema schema = c.event("E").orElseThrow();
        for (long seed = 1; seed <= 12; seed++) {
            List<Arrival> stream = stream(schema, new Random(seed), 3_000);
            Output one = run(c, stream, 1);
            assertTrue(one.matches.size() > 100, "a stream that matches: " + one.matches.size());
            assertTrue(one.late.size() > 0, "a stream with late events");
            for (int shards = 2; shards <= 3; shards++) {
                Output many = run(c, stream, shards);
                assertEquals(one.matches, many.matches, "seed " + seed + ", " + shards + " shards");
                assertEquals(one.late, many.late, "seed " + seed + ", " + shards + " shards: late events");
                assertEquals(one.counters, many.counters, "seed " + seed + ", " + shards + " shards: counts");
            }
        }
    }

    @Test
    void aShardsFailureReachesTheCallerAndTheShardsStop() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", RULES)), List.of("r.vgl"));
        List<Arrival> stream = stream(c.event("E").orElseThrow(), new Random(3), 2_000);
        Outputs ignore = new Outputs() {
            @Override
            public void match(Match m) {
            }

            @Override
            public void late(Event e, String reason) {
            }
        };
        List<StateBackend> states = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            states.add(new FailingOnKey(new InMemoryStateBackend(), "k7"));
        }
        ShardedEngine engine = new ShardedEngine(c.rules(), c.events(), 2, EngineConfig.DEFAULTS, states, ignore);
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
            for (Arrival a : stream) {
                if (a.event() != null) {
                    engine.accept(a.partition(), a.event());
                    engine.advance();
                }
            }
            engine.finish();
        });
        assertEquals("cannot keep the state of k7", failure.getMessage());
        engine.close(); // returns: the shards have stopped
    }

    /** State that refuses to keep one key: a stand-in for a store that fails (a full disk). */
    private record FailingOnKey(StateBackend inner, String key) implements StateBackend {
        @Override
        public <V> KeyedStore<V> store(String namespace, Codec<V> codec) {
            KeyedStore<V> store = inner.store(namespace, codec);
            return new KeyedStore<>() {
                @Override
                public V get(String k) {
                    return store.get(k);
                }

                @Override
                public void put(String k, V value) {
                    if (k.equals(key)) {
                        throw new IllegalStateException("cannot keep the state of " + k);
                    }
                    store.put(k, value);
                }

                @Override
                public void remove(String k) {
                    store.remove(k);
                }

                @Override
                public long size() {
                    return store.size();
                }

                @Override
                public void forEach(BiConsumer<String, V> action) {
                    store.forEach(action);
                }
            };
        }

        @Override
        public TimerQueue timers() {
            return inner.timers();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aKeysShardDependsOnItsTextAloneAndSpreadsKeysEvenly() {
        int[] perShard = new int[3];
        for (int i = 0; i < 30_000; i++) {
            String key = "card-" + i;
            int shard = KeyShard.of(key, 3);
            assertEquals(shard, KeyShard.of(new String(key.toCharArray()), 3));
            assertEquals(1, IntStream.range(0, 3).filter(s -> new KeyShard(s, 3).owns(key)).count());
            perShard[shard]++;
        }
        for (int n : perShard) {
            assertTrue(Math.abs(n - 10_000) < 500, () -> java.util.Arrays.toString(perShard));
        }
    }

    /** An event and the input it arrives on; no event where the input ends. */
    private record Arrival(int partition, Event event) {}

    private record Output(List<String> matches, List<String> late, List<Object> counters) {}

    /**
     * Events over 40 keys of rule key k and 7 of key g, mostly a few minutes apart, each input
     * shuffled within its out-of-order bound, and now and then one far behind (late).
     */
    private static List<Arrival> stream(EventSchema schema, Random random, int n) {
        String[] kinds = {"a", "b", "c", "d", "x"};
        List<List<Event>> inputs = List.of(new ArrayList<>(), new ArrayList<>());
        long time = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            time += random.nextInt(60_000);
            boolean late = random.nextInt(200) == 0;
            EventBuilder b = new EventBuilder(schema);
            b.setValue(schema.field("id").get(), "e" + i);
            b.setValue(schema.field("k").get(), "k" + random.nextInt(40));
            b.setValue(schema.field("g").get(), "g" + random.nextInt(7));
            b.setValue(schema.field("ts").get(), late ? time - 3_600_000 : time - random.nextInt(300_000));
            b.setValue(schema.field("kind").get(), kinds[random.nextInt(kinds.length)]);
            b.setValue(schema.field("v").get(), (long) random.nextInt(20));
            inputs.get(random.nextInt(2)).add(b.build("e" + i, i, "{\"id\":\"e" + i + "\"}"));
        }
        List<Arrival> arrivals = new ArrayList<>();
        int[] next = new int[2];
        while (next[0] < inputs.get(0).size() || next[1] < inputs.get(1).size()) {
            int p = next[0] == inputs.get(0).size() ? 1 : next[1] == inputs.get(1).size() ? 0 : random.nextInt(2);
            arrivals.add(new Arrival(p, inputs.get(p).get(next[p]++)));
            if (next[p] == inputs.get(p).size()) {
                arrivals.add(new Arrival(p, null)); // the input ends: it stops holding the watermark back
            }
        }
        return arrivals;
    }

    private static Output run(Compilation c, List<Arrival> stream, int shards) {
        List<String> matches = new ArrayList<>();
        List<String> late = new ArrayList<>();
        Outputs outputs = new Outputs() {
            @Override
            public void match(Match m) {
                matches.add(m.rule().name() + " " + m.key() + " @" + m.detectedAt() + " "
                        + EngineHarness.describe(m) + " " + m.values());
            }

            @Override
            public void late(Event e, String reason) {
                late.add(e.id() + " " + reason);
            }
        };
        List<StateBackend> states = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            states.add(new InMemoryStateBackend());
        }
        EngineCounters counters;
        try (ShardedEngine engine = new ShardedEngine(c.rules(), c.events(), 2, EngineConfig.DEFAULTS, states, outputs)) {
            for (int i = 0; i < stream.size(); i++) {
                Arrival a = stream.get(i);
                if (a.event() == null) {
                    engine.finishPartition(a.partition());
                } else {
                    engine.accept(a.partition(), a.event());
                }
                if (i % 37 == 0) {
                    engine.advance();
                }
            }
            engine.finish();
            counters = engine.counters();
        }
        Map<String, Long> byRule = new HashMap<>(counters.matchesByRule());
        return new Output(matches, late, List.of(counters.accepted(), counters.late(), counters.partialsDropped(), byRule));
    }
}
