package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.InMemoryStateBackend;
import dev.vigil.state.StateBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles rule text over a small event type E and runs events through a real engine. */
final class EngineHarness {
    static final String EVENTS = """
            event E {
              id id
              time ts
              out_of_order 0s
              id: string
              k: string = "k"
              ts: timestamp
              kind: string
              v: int = 0
            }
            """;

    final Compilation compilation;
    final EventSchema schema;

    EngineHarness(String rules) {
        this(rules, "0s");
    }

    /** With E declared {@code out_of_order} by {@code bound} (a duration literal). */
    EngineHarness(String rules, String bound) {
        this(compile(EVENTS.replace("out_of_order 0s", "out_of_order " + bound) + rules));
        assertTrue(schema != null, "E is declared");
    }

    private EngineHarness(Compilation compilation) {
        this.compilation = compilation;
        schema = compilation.event("E").orElse(null);
    }

    private static Compilation compile(String source) {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", source)), List.of("r.vgl"));
        assertTrue(c.ok(), () -> c.diagnostics() + "\n" + source);
        return c;
    }

    /** Over event types of the test's own (built with {@link EventBuilder}); {@link #event} then needs an E. */
    static EngineHarness over(String events, String rules) {
        return new EngineHarness(compile(events + rules));
    }

    Event event(String id, long ts, String kind, long v, long seq) {
        EventBuilder b = new EventBuilder(schema);
        b.setValue(schema.field("id").get(), id);
        b.setValue(schema.field("ts").get(), ts);
        b.setValue(schema.field("kind").get(), kind);
        b.setValue(schema.field("v").get(), v);
        // With a raw form, as replayed events have: partial matches then keep trimmed copies of
        // them (RuleRunner.kept), so every engine test runs that path too.
        return b.build(id, seq, "{\"id\":\"" + id + "\"}");
    }

    /**
     * Events in the given arrival order; returns the matches in emission order. The engine runs
     * twice, with state in memory and with state kept as bytes ({@link BytesStateBackend}); both
     * must give the same matches, so every engine test also checks the state codecs.
     */
    List<Match> run(List<Event> events) {
        List<Match> inMemory = run(events, new InMemoryStateBackend());
        List<Match> asBytes = run(events, new BytesStateBackend());
        assertEquals(inMemory.stream().map(EngineHarness::full).toList(), asBytes.stream().map(EngineHarness::full).toList(),
                "state kept as bytes gave other matches than state in memory");
        return inMemory;
    }

    private static String full(Match m) {
        return m.rule().name() + " " + m.key() + " @" + m.detectedAt() + " " + describe(m) + " " + m.values();
    }

    /** Events in the given arrival order through one engine on {@code state} (closed after). */
    List<Match> run(List<Event> events, StateBackend state) {
        List<Match> out = new ArrayList<>();
        Outputs outputs = new Outputs() {
            @Override
            public void match(Match m) {
                out.add(m);
            }

            @Override
            public void late(Event e, String reason) {
                throw new AssertionError("late: " + e + " " + reason);
            }
        };
        try (state) {
            Engine engine = new Engine(compilation.rules(), compilation.events(), 1, new EngineConfig(1_000_000), state, outputs);
            for (Event e : events) {
                engine.accept(0, e);
                engine.advance();
            }
            engine.finish(1);
        }
        return out;
    }

    /** A match as "var=[ids] var=[ids]", in variable order. */
    static String describe(Match m) {
        StringBuilder b = new StringBuilder();
        m.events().forEach((v, es) -> {
            if (!es.isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(v).append('=').append(es.stream().map(Event::id).toList());
            }
        });
        return b.toString();
    }
}
