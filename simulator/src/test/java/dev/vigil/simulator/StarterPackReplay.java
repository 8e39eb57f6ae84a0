package dev.vigil.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.EngineCounters;
import dev.vigil.engine.Outputs;
import dev.vigil.engine.ShardedEngine;
import dev.vigil.engine.decode.EventDecoder;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.InMemoryStateBackend;
import dev.vigil.state.StateBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the shipped starter pack (rules/) over NDJSON lines through the real decoder and engine. */
public final class StarterPackReplay {
    /** What came out: the matches, how many records the decoder refused, the late events (id and reason), and the engine's counts. */
    public record Result(List<Match> matches, long refused, List<String> late, EngineCounters counters) {}

    private StarterPackReplay() {}

    public static Compilation starterPack() {
        Compilation c = VigilCompiler.compilePaths(List.of(Path.of("..", "rules")));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        return c;
    }

    public static Result run(List<String> lines) {
        return run(lines, 1);
    }

    /** With the keys shared among {@code shards} engines ({@link ShardedEngine}). */
    public static Result run(List<String> lines, int shards) {
        Compilation c = starterPack();
        List<Match> matches = new ArrayList<>();
        List<String> late = new ArrayList<>();
        Outputs outputs = new Outputs() {
            @Override
            public void match(Match m) {
                matches.add(m);
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
        try (ShardedEngine engine = new ShardedEngine(c.rules(), c.events(), 1, new EngineConfig(10_000), states, outputs)) {
            EventDecoder decoder = new EventDecoder(c.events());
            long refused = 0;
            long seq = 0;
            for (String line : lines) {
                seq++;
                EventDecoder.Result r = decoder.decode(line, seq, "test", seq);
                if (r instanceof EventDecoder.Decoded d) {
                    engine.accept(0, d.event());
                } else {
                    refused++;
                }
                if ((seq & 255) == 0) {
                    engine.advance();
                }
            }
            engine.finish();
            return new Result(matches, refused, late, engine.counters());
        }
    }
}
