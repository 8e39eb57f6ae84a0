package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.InMemoryStateBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Event time: the same input gives the same alerts whatever order its events arrive in within the
 * declared out-of-orderness, whatever the batch sizes; late events go to the late output only.
 */
class EventTimeTest {
    private static final String RULES = """
            event E {
              id id
              time ts
              out_of_order 5s
              lateness 0s
              id: string
              k: string
              ts: timestamp
              kind: string
              v: int
            }
            rule probes_then_big {
              key k
              match
                p: E{2,} where kind = "a"
                then b: E where kind = "b" and v > p.last.v
              within 20s
              alert { n: count(p) }
            }
            rule silent_after_c {
              key k
              match
                c: E where kind = "c"
                not then x: E where kind = "a"
              within 8s
              alert { v: c.v }
            }
            rule busy {
              key k
              match t: E where kind = "b"
              when count(E over 10s) >= 4
              alert { n: count(E over 10s), s: sum(E.v over 10s) }
            }
            rule any_pairs {
              key k
              match
                x: E where kind = "a"
                then any y: E where kind = "c"
              within 6s
              after match skip none
            }
            """;

    private final Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", RULES)), List.of("r.vgl"));
    private final EventSchema schema = c.event("E").orElseThrow();

    private List<Event> generate(long seed, int n) {
        Random r = new Random(seed);
        List<Event> out = new ArrayList<>();
        long t = 1_000_000;
        for (int i = 0; i < n; i++) {
            t += 1 + r.nextInt(1500); // distinct times: ties would be broken by arrival order
            EventBuilder b = new EventBuilder(schema);
            b.setValue(schema.field("id").get(), "e" + i).setValue(schema.field("k").get(), "k" + r.nextInt(7))
                    .setValue(schema.field("ts").get(), t).setValue(schema.field("kind").get(), "abc".substring(r.nextInt(3)).substring(0, 1))
                    .setValue(schema.field("v").get(), (long) r.nextInt(5));
            out.add(b.build("e" + i, i));
        }
        return out;
    }

    /** Re-sequences events in a new arrival order (sequence numbers are arrival positions). */
    private List<Event> arriving(List<Event> order) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Event e = order.get(i);
            EventBuilder b = new EventBuilder(schema);
            for (var f : schema.fields()) {
                b.setValue(f, e.value(f));
            }
            out.add(b.build(e.id(), i));
        }
        return out;
    }

    private record Run(List<String> alerts, List<String> late) {}

    private Run run(List<Event> events, int batch) {
        List<String> alerts = new ArrayList<>();
        List<String> late = new ArrayList<>();
        Outputs outputs = new Outputs() {
            @Override
            public void match(Match m) {
                alerts.add(m.rule().name() + " " + m.key() + " @" + m.detectedAt() + " " + EngineHarness.describe(m) + " " + m.values());
            }

            @Override
            public void late(Event e, String reason) {
                late.add(e.id());
            }
        };
        try (InMemoryStateBackend state = new InMemoryStateBackend()) {
            Engine engine = new Engine(c.rules(), c.events(), 1, EngineConfig.DEFAULTS, state, outputs);
            for (int i = 0; i < events.size(); i++) {
                engine.accept(0, events.get(i));
                if (batch > 0 && i % batch == 0) {
                    engine.advance();
                }
            }
            engine.finish(1);
        }
        return new Run(alerts, late);
    }

    @Test
    void shuffledWithinTheBoundGivesTheSameAlerts() {
        assertTrue(c.ok(), c.diagnostics()::toString);
        for (long seed = 1; seed <= 20; seed++) {
            List<Event> inOrder = generate(seed, 600);
            Run expected = run(inOrder, 1);
            assertFalse(expected.alerts().isEmpty());
            // Each event arrives up to 4.999 s after its event time, in order of arrival.
            Random r = new Random(seed * 31);
            Map<Event, Long> arrival = new java.util.IdentityHashMap<>();
            inOrder.forEach(e -> arrival.put(e, e.time() + r.nextInt(5000)));
            List<Event> shuffled = new ArrayList<>(inOrder);
            shuffled.sort(Comparator.comparingLong(arrival::get));
            assertTrue(!shuffled.equals(inOrder));
            for (int batch : new int[] {1, 7, 100, 0}) {
                Run actual = run(arriving(shuffled), batch);
                assertEquals(List.of(), actual.late(), "nothing within the bound is late");
                assertSame(expected.alerts(), actual.alerts(), "seed " + seed + ", batch " + batch);
            }
        }
    }

    /** Equal lists, or a failure that shows where they part (the full lists are long). */
    private static void assertSame(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                assertEquals(expected.subList(i, Math.min(i + 3, expected.size())),
                        actual.subList(i, Math.min(i + 3, actual.size())), what + ": first difference at alert " + i);
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": number of alerts");
    }

    @Test
    void lateEventsGoToTheLateOutputAndNowhereElse() {
        List<Event> events = new ArrayList<>(generate(99, 300));
        // Two events 6 s behind the newest: beyond the 5 s bound (and no lateness allowed).
        Event newest = events.get(events.size() - 1);
        EventBuilder b = new EventBuilder(schema);
        b.setValue(schema.field("id").get(), "late1").setValue(schema.field("k").get(), newest.stringAt(schema.field("k").get().index()))
                .setValue(schema.field("ts").get(), newest.time() - 6000).setValue(schema.field("kind").get(), "b")
                .setValue(schema.field("v").get(), 4L);
        events.add(b.build("late1", events.size()));
        Run run = run(events, 1);
        assertEquals(List.of("late1"), run.late());
        assertTrue(run.alerts().stream().noneMatch(a -> a.contains("late1")));
        assertEquals(run(events.subList(0, events.size() - 1), 1).alerts(), run.alerts(), "the late event changes nothing");
    }

    @Test
    void anAbsenceFiresOnTheWatermarkNotOnTheClock() {
        List<Event> events = new ArrayList<>();
        EventBuilder b = new EventBuilder(schema);
        b.setValue(schema.field("id").get(), "c1").setValue(schema.field("k").get(), "k")
                .setValue(schema.field("ts").get(), 0L).setValue(schema.field("kind").get(), "c").setValue(schema.field("v").get(), 3L);
        events.add(b.build("c1", 0));
        // Another key's event 13 s later moves the watermark to 8 s: exactly the deadline, not past it.
        b.setValue(schema.field("id").get(), "o1").setValue(schema.field("k").get(), "other").setValue(schema.field("ts").get(), 13_000L)
                .setValue(schema.field("kind").get(), "b");
        events.add(b.build("o1", 1));
        List<String> seen = new ArrayList<>();
        try (InMemoryStateBackend state = new InMemoryStateBackend()) {
            Engine engine = new Engine(c.rules(), c.events(), 1, EngineConfig.DEFAULTS, state, new Outputs() {
                @Override
                public void match(Match m) {
                    seen.add(m.rule().name() + "@" + m.detectedAt());
                }

                @Override
                public void late(Event e, String reason) {
                }
            });
            events.forEach(e -> {
                engine.accept(0, e);
                engine.advance();
            });
            assertEquals(List.of(), seen, "an `a` at 8 s could still arrive");
            b.setValue(schema.field("id").get(), "o2").setValue(schema.field("ts").get(), 13_001L);
            engine.accept(0, b.build("o2", 2));
            engine.advance();
            assertEquals(List.of("silent_after_c@8000"), seen, "the watermark passed 8 s");
        }
    }
}
