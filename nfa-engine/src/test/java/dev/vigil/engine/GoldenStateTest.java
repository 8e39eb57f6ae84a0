package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.decode.EventDecoder;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.TimerQueue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State written by an earlier Vigil is read by this one. {@code golden/state-vN.txt} holds the
 * keyed state, timers and engine snapshot written in format N halfway through a stream; a fresh
 * engine loaded from it must finish the stream with exactly the matches of an uninterrupted run.
 * A change of the encoding that cannot read an older format fails here: bump the format and keep
 * a reader for the old one. ({@code -Dvigil.golden.write=true} writes the file of the current
 * format, for a new format only.) Format 1 kept a timer per rule and key, format 2 one per key
 * group and key, format 3 also whether that timer may produce output, format 4 the group's kept
 * events once for all its rules, format 5 the group's history (windows and look-ups) once for all its rules,
 * format 6 the kept events' records as read in a compact form.
 */
class GoldenStateTest {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void stateOfAnEarlierFormatIsReadAndTheStreamFinishesAsIfNeverInterrupted(int format) throws IOException {
        Compilation c = VigilCompiler.compilePaths(List.of(DIR.resolve("rules.vgl")));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        List<Event> events = events(c);
        int half = events.size() / 2;

        List<String> whole = new ArrayList<>();
        try (BytesStateBackend state = new BytesStateBackend()) {
            Engine engine = engine(c, state, whole);
            feed(engine, events.subList(0, half));
            if (Boolean.getBoolean("vigil.golden.write") && format == KeyGroupCodec.VERSION) {
                write(state, engine);
            }
            feed(engine, events.subList(half, events.size()));
            engine.finish(1);
        }
        List<String> afterHalf = new ArrayList<>();
        try (BytesStateBackend state = new BytesStateBackend()) {
            Engine engine = engine(c, state, afterHalf);
            // The engine made its stores; the file's bytes go in as an earlier Vigil left them.
            List<String> lines = Files.readAllLines(DIR.resolve("state-v" + format + ".txt"));
            for (String line : lines) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "store" -> state.load(f[1], f[2], HEX.parseHex(f[3]));
                    case "timer" -> state.timers().register(Long.parseLong(f[1]), Integer.parseInt(f[2]), f[3]);
                    case "engine" -> engine.restore(HEX.parseHex(f[1]));
                    default -> throw new AssertionError(line);
                }
            }
            feed(engine, events.subList(half, events.size()));
            engine.finish(1);
        }
        assertTrue(whole.size() > afterHalf.size() && !afterHalf.isEmpty(), "matches on both sides of the cut");
        assertEquals(whole.subList(whole.size() - afterHalf.size(), whole.size()), afterHalf);
    }

    private static Engine engine(Compilation c, BytesStateBackend state, List<String> out) {
        return new Engine(c.rules(), c.events(), 1, EngineConfig.DEFAULTS, state, new Outputs() {
            @Override
            public void match(Match m) {
                // With the records as read: state keeps them for the alerts (format 6 in a compact form).
                out.add(m.rule().name() + " " + m.key() + " @" + m.detectedAt() + " " + EngineHarness.describe(m) + " "
                        + m.values() + " " + m.events().values().stream().flatMap(List::stream).map(Event::raw).toList());
            }

            @Override
            public void late(Event e, String reason) {
                out.add("late " + e.id());
            }
        });
    }

    private static void feed(Engine engine, List<Event> events) {
        for (Event e : events) {
            engine.accept(0, e);
            if (e.sequence() % 64 == 0) {
                engine.advance();
            }
        }
        engine.advance();
    }

    private static List<Event> events(Compilation c) throws IOException {
        EventDecoder decoder = new EventDecoder(c.events());
        List<Event> events = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(DIR.resolve("stream.ndjson.gz"))), StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                events.add(((EventDecoder.Decoded) decoder.decode(line, n, "golden", n)).event());
            }
        }
        return events;
    }

    private static void write(BytesStateBackend state, Engine engine) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, byte[]>> ns : state.dump().entrySet()) {
            ns.getValue().forEach((k, v) -> lines.add("store\t" + ns.getKey() + "\t" + k + "\t" + HEX.formatHex(v)));
        }
        List<TimerQueue.Timer> timers = new ArrayList<>();
        for (TimerQueue.Timer t = state.timers().poll(); t != null; t = state.timers().poll()) {
            timers.add(t);
        }
        for (TimerQueue.Timer t : timers) {
            lines.add("timer\t" + t.time() + "\t" + t.namespace() + "\t" + t.key());
            state.timers().register(t.time(), t.namespace(), t.key());
        }
        lines.add("engine\t" + HEX.formatHex(engine.snapshot()));
        Files.write(DIR.resolve("state-v" + KeyGroupCodec.VERSION + ".txt"), lines);
    }
}
