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
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.EngineCounters;
import dev.vigil.engine.Outputs;
import dev.vigil.engine.ShardedEngine;
import dev.vigil.engine.decode.EventDecoder;
import dev.vigil.engine.nfa.Match;
import dev.vigil.engine.replay.DecodingReader;
import dev.vigil.engine.replay.LineReader;
import dev.vigil.state.RocksDbStateBackend.Config;
import java.io.IOException;
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

    @Option(names = "--state", paramLabel = "DIR",
            description = "Keep state in RocksDB under DIR (live state and snapshots) instead of in memory.")
    Path stateDir;

    @Option(names = "--state-cache-mb", defaultValue = "" + Config.DEFAULT_BLOCK_CACHE_MB, paramLabel = "MB",
            description = "RocksDB block cache, shared out among the engine threads (default: ${DEFAULT-VALUE}).")
    long cacheMb;

    @Option(names = "--state-write-buffer-mb", defaultValue = "" + Config.DEFAULT_WRITE_BUFFER_MB, paramLabel = "MB",
            description = "RocksDB write buffer per namespace, shared out among the engine threads (default: ${DEFAULT-VALUE}).")
    long writeBufferMb;

    @Option(names = "--state-cache-keys", defaultValue = "" + Config.DEFAULT_CACHED_KEYS, paramLabel = "N",
            description = "Keys whose state stays decoded on the heap, per key group, shared out among the engine threads"
                    + " (default: ${DEFAULT-VALUE}).")
    int cacheKeys;

    @Option(names = "--threads", paramLabel = "N",
            description = "Engine threads, each owning a share of the keys; the output is the same for any number"
                    + " (default: the machine's cores; a resumed replay keeps its snapshot's).")
    Integer threads;

    @Option(names = "--snapshot-every", paramLabel = "N",
            description = "Snapshot state and progress every N events read (needs --state and --out).")
    Long snapshotEvery;

    @Option(names = "--resume-from", paramLabel = "SNAPSHOT",
            description = "Resume a killed replay from a snapshot directory (DIR/snapshots/...), with the same inputs,"
                    + " rules and outputs.")
    Path resumeFrom;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if ((snapshotEvery != null || resumeFrom != null) && (stateDir == null || out == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--snapshot-every and --resume-from need --state DIR and --out FILE (a resumed replay cuts its"
                            + " outputs back to the snapshot)");
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
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
        List<LineReader> readers = new ArrayList<>();
        for (String input : inputs) {
            try {
                readers.add(new LineReader(Streams.input(input)));
            } catch (IOException e) {
                close(readers);
                err.println("vigil replay: cannot read " + input + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        ReplaySnapshots snapshots = stateDir == null ? null : new ReplaySnapshots(stateDir);
        ReplaySnapshots.Manifest resumed = null;
        List<String> ruleIds = c.rules().stream().map(r -> r.name() + "@" + r.version()).toList();
        if (resumeFrom != null) {
            resumed = snapshots.restore(resumeFrom);
            if (!resumed.inputs().equals(inputs) || !resumed.rules().equals(ruleIds)) {
                err.println("vigil replay: " + resumeFrom + " is a snapshot of another replay (inputs " + resumed.inputs()
                        + ", rules " + resumed.rules() + ")");
                err.flush();
                close(readers);
                return 1;
            }
            if (threads != null && threads != resumed.engineThreads()) {
                err.println("vigil replay: " + resumeFrom + " was taken with " + resumed.engineThreads()
                        + " engine threads (each keeps its share of the keys): resume with --threads " + resumed.engineThreads());
                err.flush();
                close(readers);
                return 1;
            }
        } else if (snapshots != null) {
            snapshots.clear();
        }
        int shards = threads != null ? threads : resumed != null ? resumed.engineThreads()
                : Runtime.getRuntime().availableProcessors();
        try (Writer alerts = resumed == null ? writer(out, true) : Streams.appendAt(out, resumed.alertBytes());
             Writer lateOut = resumed == null || late == null ? writer(late, false) : Streams.appendAt(late, resumed.lateBytes());
             Writer dead = resumed == null || deadLetter == null ? writer(deadLetter, false)
                     : Streams.appendAt(deadLetter, resumed.deadLetterBytes());
             ReplayState state = snapshots == null ? ReplayState.inMemory(shards)
                     : ReplayState.rocksDb(snapshots.live(), shards, cacheMb << 20, writeBufferMb << 20, cacheKeys)) {
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
            try (ShardedEngine engine = new ShardedEngine(c.rules(), c.events(), inputs.size(),
                    new EngineConfig(maxPartials), state.backends(), outputs)) {
                if (resumed != null) {
                    engine.restore(state.engineSnapshots());
                }
                EventDecoder decoder = new EventDecoder(c.events());
                long started = System.nanoTime();
                Snapshotter snapshotter = snapshotEvery == null ? null : (position, read, deadLettered) -> {
                    alerts.flush();
                    flush(lateOut);
                    flush(dead);
                    state.keepEngineSnapshots(engine.snapshot());
                    Path taken = snapshots.take(new ReplaySnapshots.Manifest(inputs, ruleIds, read, deadLettered, position,
                            Files.size(out), size(late), size(deadLetter), shards), state::checkpoint);
                    err.println("snapshot: " + taken); // where --resume-from can go on from
                    err.flush();
                };
                Stats stats = run(readers, decoder, engine, dead, Progress.bar("replay", -1, " events", progress), resumed,
                        snapshotter);
                double seconds = (System.nanoTime() - started) / 1e9;
                summary(err, stats, engine.counters(), seconds, engine.shards());
            }
        } finally {
            close(readers);
        }
        return 0;
    }

    private static void close(List<LineReader> readers) throws IOException {
        for (LineReader r : readers) {
            r.close();
        }
    }

    /** Counts of the whole replay; {@code resumedAt} events were read before a resumed run started. */
    private record Stats(long read, long deadLettered, long resumedAt) {}

    /** Flushes the outputs and snapshots the state and the replay's progress as of the batch just done. */
    private interface Snapshotter {
        void take(DecodingReader.Position position, long read, long deadLettered) throws IOException;
    }

    private Stats run(List<LineReader> readers, EventDecoder decoder, ShardedEngine engine, Writer dead, ProgressBar bar,
                      ReplaySnapshots.Manifest resumed, Snapshotter snapshotter) throws IOException {
        long read = resumed == null ? 0 : resumed.read();
        long deadLettered = resumed == null ? 0 : resumed.deadLettered();
        long nextSnapshot = snapshotter == null ? Long.MAX_VALUE : (read / snapshotEvery + 1) * snapshotEvery;
        DecodingReader.Position from = resumed == null ? DecodingReader.Position.start(readers.size()) : resumed.position();
        try (DecodingReader input = new DecodingReader(readers, inputs, decoder, 1024, from)) {
            for (DecodingReader.Batch batch = input.next(); !batch.isEnd(); batch = input.next()) {
                for (DecodingReader.Item item : batch.items()) {
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
                if (read >= nextSnapshot) {
                    engine.drain(); // every alert of the batches read goes out before the outputs are flushed and measured
                    snapshotter.take(batch.position(), read, deadLettered);
                    nextSnapshot = (read / snapshotEvery + 1) * snapshotEvery;
                }
                if (bar != null) {
                    bar.stepTo(read);
                }
            }
        }
        engine.finish();
        if (bar != null) {
            bar.stepTo(read);
            bar.close();
        }
        return new Stats(read, deadLettered, resumed == null ? 0 : resumed.read());
    }

    private static void flush(Writer w) throws IOException {
        if (w != null) {
            w.flush();
        }
    }

    private static long size(Path p) throws IOException {
        return p == null ? 0 : Files.size(p);
    }

    private void summary(PrintWriter err, Stats s, EngineCounters counters, double seconds, int engineThreads) {
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
        if (s.resumedAt() > 0) {
            err.printf("resumed after:    %d events%n", s.resumedAt());
        }
        err.printf("time:             %.2f s (%.0f events/s, %d engine thread%s)%n", seconds,
                (s.read() - s.resumedAt()) / Math.max(seconds, 1e-9), engineThreads, engineThreads == 1 ? "" : "s");
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
        return stdoutByDefault ? Streams.writer("-") : null;
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
