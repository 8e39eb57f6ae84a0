package dev.vigil.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.vigil.alerts.AlertJson;
import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.diag.Diagnostic;
import dev.vigil.dsl.diag.DiagnosticPrinter;
import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.EngineCounters;
import dev.vigil.engine.Outputs;
import dev.vigil.engine.decode.EventDecoder;
import dev.vigil.engine.nfa.Match;
import dev.vigil.engine.replay.DecodingReader;
import dev.vigil.state.InMemoryStateBackend;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil replay}: files in, alerts out, deterministically and as fast as the machine goes.
 * Each input file is one partition with its own watermark; files are read in turns, a line at a
 * time, and decoded on a thread of their own ({@link DecodingReader}) while the engine runs. Records that cannot be decoded go to the dead-letter output, events behind the watermark
 * to the late output, and the summary checks that read = processed + late + dead-lettered.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run rules over NDJSON event files and write one alert per match as a JSON line.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:replay done", "1:the rules do not compile or an input cannot be read", "2:bad usage"})
final class ReplayCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--rules", arity = "1..*", required = true, paramLabel = "PATH", description = "Rule files or folders.")
    List<Path> rules;

    @Option(names = "--input", arity = "1..*", required = true, paramLabel = "FILE",
            description = "NDJSON event files (.gz accepted; - for standard input).")
    List<String> inputs;

    @Option(names = "--out", paramLabel = "FILE", description = "Alerts, one JSON line each (default: standard output).")
    Path out;

    @Option(names = "--late", paramLabel = "FILE", description = "Late events, with the reason (default: dropped, counted).")
    Path late;

    @Option(names = "--dead-letter", paramLabel = "FILE", description = "Records that could not be decoded, with the reason.")
    Path deadLetter;

    @Option(names = "--max-partials", defaultValue = "10000", paramLabel = "N",
            description = "Partial matches kept per rule and key when a rule sets no max_partials (default: ${DEFAULT-VALUE}).")
    int maxPartials;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when on a terminal).")
    Boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Compilation c = VigilCompiler.compilePaths(rules);
        if (!c.ok()) {
            DiagnosticPrinter printer = new DiagnosticPrinter(c.sources());
            for (Diagnostic d : c.diagnostics()) {
                err.println(printer.render(d));
            }
            err.println(CheckCommand.summary(c));
            err.flush();
            return 1;
        }
        List<BufferedReader> readers = new ArrayList<>();
        for (String input : inputs) {
            try {
                readers.add(Streams.reader(input));
            } catch (IOException e) {
                for (BufferedReader r : readers) {
                    r.close();
                }
                err.println("vigil replay: cannot read " + input + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        try (Writer alerts = writer(out, true); Writer lateOut = writer(late, false); Writer dead = writer(deadLetter, false);
             InMemoryStateBackend state = new InMemoryStateBackend()) {
            Outputs outputs = new Outputs() {
                @Override
                public void match(Match m) {
                    write(alerts, AlertJson.write(AlertMapper.toAlert(m)));
                }

                @Override
                public void late(Event e, String reason) {
                    if (lateOut != null) {
                        ObjectNode o = JSON.createObjectNode();
                        o.put("reason", reason);
                        o.put("event_id", e.id());
                        o.putRawValue("event", new RawValue(e.raw())); // as read, not re-parsed
                        write(lateOut, o.toString());
                    }
                }
            };
            Engine engine = new Engine(c.rules(), c.events(), inputs.size(), new EngineConfig(maxPartials), state, outputs);
            EventDecoder decoder = new EventDecoder(c.events());
            long started = System.nanoTime();
            Stats stats = run(readers, decoder, engine, dead, Progress.bar("replay", -1, " events", progress));
            double seconds = (System.nanoTime() - started) / 1e9;
            summary(err, stats, engine.counters(), seconds);
        } finally {
            for (BufferedReader r : readers) {
                r.close();
            }
        }
        return 0;
    }

    private record Stats(long read, long deadLettered) {}

    private Stats run(List<BufferedReader> readers, EventDecoder decoder, Engine engine, Writer dead, ProgressBar bar)
            throws IOException {
        long read = 0;
        long deadLettered = 0;
        try (DecodingReader input = new DecodingReader(readers, inputs, decoder, 1024)) {
            for (List<DecodingReader.Item> batch = input.next(); !batch.isEmpty(); batch = input.next()) {
                for (DecodingReader.Item item : batch) {
                    if (item instanceof DecodingReader.Decoded d) {
                        read++;
                        engine.accept(d.partition(), d.event());
                    } else if (item instanceof DecodingReader.Refused r) {
                        read++;
                        deadLettered++;
                        if (dead != null) {
                            ObjectNode o = JSON.createObjectNode();
                            o.put("reason", r.reason());
                            o.put("source", inputs.get(r.partition()));
                            o.put("line", r.line());
                            o.put("record", r.record());
                            write(dead, o.toString());
                        }
                    } else {
                        engine.finishPartition(((DecodingReader.Ended) item).partition());
                    }
                }
                engine.advance();
                if (bar != null) {
                    bar.stepTo(read);
                }
            }
        }
        engine.finish(readers.size());
        if (bar != null) {
            bar.stepTo(read);
            bar.close();
        }
        return new Stats(read, deadLettered);
    }

    private void summary(PrintWriter err, Stats s, EngineCounters counters, double seconds) {
        err.printf("events read:      %d%n", s.read());
        err.printf("  processed:      %d%n", counters.accepted());
        err.printf("  late:           %d%n", counters.late());
        err.printf("  dead-lettered:  %d%n", s.deadLettered());
        if (s.read() != counters.accepted() + counters.late() + s.deadLettered()) {
            err.println("  WARNING: the counts do not add up");
        }
        long total = 0;
        for (Map.Entry<String, Long> e : counters.matchesByRule().entrySet()) {
            total += e.getValue();
        }
        err.printf("alerts:           %d%n", total);
        new java.util.TreeMap<>(counters.matchesByRule()).forEach((rule, n) -> err.printf("  %-30s %d%n", rule, n));
        if (counters.partialsDropped() > 0) {
            err.printf("partial matches dropped at the per-key bound: %d%n", counters.partialsDropped());
        }
        err.printf("time:             %.2f s (%.0f events/s)%n", seconds, s.read() / Math.max(seconds, 1e-9));
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        err.printf("peak heap:        %d MiB%n", peak >> 20);
        err.flush();
    }

    private Writer writer(Path path, boolean stdoutByDefault) throws IOException {
        if (path != null) {
            return Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        }
        if (!stdoutByDefault) {
            return null;
        }
        // Standard output is not ours to close.
        return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static void write(Writer w, String line) {
        try {
            w.write(line);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
