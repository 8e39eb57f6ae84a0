package dev.vigil.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.EngineCounters;
import dev.vigil.engine.Outputs;
import dev.vigil.engine.decode.EventDecoder;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.InMemoryStateBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the shipped starter pack (rules/) over NDJSON lines through the real decoder and engine. */
public final class StarterPackReplay {
    /** What came out: the matches, how many records the decoder refused, and the engine's counts. */
    public record Result(List<Match> matches, long refused, long late, EngineCounters counters) {}

    private StarterPackReplay() {}

    public static Compilation starterPack() {
        Compilation c = VigilCompiler.compilePaths(List.of(Path.of("..", "rules")));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        return c;
    }

    public static Result run(List<String> lines) {
        Compilation c = starterPack();
        List<Match> matches = new ArrayList<>();
        long[] late = {0};
        Outputs outputs = new Outputs() {
            @Override
            public void match(Match m) {
                matches.add(m);
            }

            @Override
            public void late(Event e, String reason) {
                late[0]++;
            }
        };
        try (InMemoryStateBackend state = new InMemoryStateBackend()) {
            Engine engine = new Engine(c.rules(), c.events(), 1, new EngineConfig(10_000), state, outputs);
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
            engine.finish(1);
            return new Result(matches, refused, late[0], engine.counters());
        }
    }
}
