package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.InMemoryStateBackend;
import dev.vigil.state.RocksDbStateBackend;
import dev.vigil.state.StateBackend;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time-to-live: over a long stream in which every event brings a key never seen before, the state
 * kept (keys and timers) stays flat, bounded by the keys active within the rule's longest
 * duration, instead of growing with every key ever seen.
 */
class StateExpiryTest {
    private static final String RULE = """
            rule r {
              key k
              match
                a: E where kind = "a"
                then b: E where kind = "b"
              within 10m
              when count(E over 1h) >= 1 and b.v not in history(E.v over 2h)
              alert { n: count(E over 1h) }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void inMemoryStateStaysFlatOverEverNewKeys() {
        staysFlat(InMemoryStateBackend::new, 60_000);
    }

    @Test
    void rocksDbStateStaysFlatOverEverNewKeys() {
        staysFlat(() -> new RocksDbStateBackend(RocksDbStateBackend.Config.at(dir.resolve("db"))), 20_000);
    }

    private static void staysFlat(Supplier<StateBackend> backends, int events) {
        EngineHarness h = new EngineHarness(RULE);
        Outputs ignore = new Outputs() {
            @Override
            public void match(Match m) {}

            @Override
            public void late(Event e, String reason) {
                throw new AssertionError(reason);
            }
        };
        try (StateBackend state = backends.get()) {
            Engine engine = new Engine(h.compilation.rules(), h.compilation.events(), 1, EngineConfig.DEFAULTS, state, ignore);
            long maxKeys = 0;
            long maxTimers = 0;
            for (int i = 0; i < events; i++) {
                // One event a second, each of a new key: an hour of the stream is 3,600 keys.
                Event e = h.event("e" + i, i * 1000L, i % 2 == 0 ? "a" : "b", i, i);
                engine.accept(0, withKey(h, e, "key" + i));
                engine.advance();
                if (i % 2000 == 1999 && i > 3 * 3_600) {
                    maxKeys = Math.max(maxKeys, state.store("nfa/k", null).size());
                    maxTimers = Math.max(maxTimers, state.timers().size());
                }
            }
            // The history reaches back 2 h and is pruned a quarter of that late: at most 2.5 h of keys.
            long bound = (long) (2.5 * 3_600) + 10;
            assertTrue(maxKeys > 0 && maxKeys <= bound, "keys with state: at most " + maxKeys + ", bound " + bound);
            assertTrue(maxTimers <= 2 * bound, "timers queued: at most " + maxTimers);
        }
    }

    private static Event withKey(EngineHarness h, Event e, String key) {
        dev.vigil.dsl.schema.EventBuilder b = new dev.vigil.dsl.schema.EventBuilder(h.schema);
        b.setValue(h.schema.field("id").get(), e.id());
        b.setValue(h.schema.field("ts").get(), e.time());
        b.setValue(h.schema.field("kind").get(), e.stringAt(h.schema.field("kind").get().index()));
        b.setValue(h.schema.field("v").get(), e.longAt(h.schema.field("v").get().index()));
        b.setValue(h.schema.field("k").get(), key);
        return b.build(e.id(), e.sequence());
    }
}
