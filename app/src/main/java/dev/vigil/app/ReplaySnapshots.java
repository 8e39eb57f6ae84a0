package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.replay.DecodingReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a replay with {@code --state DIR} keeps things: the live RocksDB state in {@code DIR/live}
 * and snapshots in {@code DIR/snapshots/<events read>}. A snapshot is a RocksDB checkpoint (the
 * keyed state, the timers and the engine's own snapshot, all as of one batch boundary) plus
 * {@code replay.json}: which inputs and rules, how far each input was read, how long each output
 * file was. It appears under its final name only when complete (written aside, then renamed), and
 * the two newest are kept.
 */
final class ReplaySnapshots {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MANIFEST = "replay.json";
    private static final int KEPT = 2;

    /** What a snapshot says about the replay it was taken from; its state is laid out per engine thread (ReplayState). */
    record Manifest(List<String> inputs, List<String> rules, long read, long deadLettered,
                    DecodingReader.Position position, long alertBytes, long lateBytes, long deadLetterBytes,
                    int engineThreads) {}

    private final Path dir;

    ReplaySnapshots(Path stateDir) {
        this.dir = stateDir;
    }

    Path live() {
        return dir.resolve("live");
    }

    private Path snapshots() {
        return dir.resolve("snapshots");
    }

    /** A fresh start: no live state and no snapshots of an earlier run. */
    void clear() throws IOException {
        delete(live());
        delete(snapshots());
    }

    /** The live state becomes a copy of {@code snapshot} (hard links where the file system allows). */
    Manifest restore(Path snapshot) throws IOException {
        Manifest m = read(snapshot.resolve(MANIFEST));
        delete(live());
        linkOrCopy(snapshot, live());
        return m;
    }

    /** The files of {@code from} and its folders (the manifest aside) into {@code to}. */
    private static void linkOrCopy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(f.getFileName().toString());
                if (Files.isDirectory(f)) {
                    linkOrCopy(f, target);
                } else if (!f.getFileName().toString().equals(MANIFEST)) {
                    try {
                        Files.createLink(target, f);
                    } catch (FileSystemException | UnsupportedOperationException e) {
                        Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

    /**
     * Takes a snapshot: {@code checkpoint} writes the state's consistent copy into the directory
     * it is given, then the manifest goes beside it and the whole is renamed into place.
     */
    Path take(Manifest m, java.util.function.Consumer<Path> checkpoint) throws IOException {
        Files.createDirectories(snapshots());
        Path tmp = snapshots().resolve(".incomplete-" + m.read());
        delete(tmp);
        checkpoint.accept(tmp);
        write(m, tmp.resolve(MANIFEST));
        Path done = snapshots().resolve(String.format("%015d", m.read()));
        delete(done);
        Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        List<Path> all = complete();
        for (int i = 0; i < all.size() - KEPT; i++) {
            delete(all.get(i));
        }
        return done;
    }

    /** Complete snapshots, oldest first. */
    List<Path> complete() throws IOException {
        if (!Files.isDirectory(snapshots())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(snapshots())) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static void write(Manifest m, Path file) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", 1);
        m.inputs().forEach(o.putArray("inputs")::add);
        m.rules().forEach(o.putArray("rules")::add);
        o.put("read", m.read());
        o.put("dead_lettered", m.deadLettered());
        ObjectNode p = o.putObject("position");
        for (long l : m.position().lines()) {
            p.withArray("lines").add(l);
        }
        for (boolean d : m.position().done()) {
            p.withArray("done").add(d);
        }
        p.put("next_turn", m.position().nextTurn());
        p.put("sequence", m.position().sequence());
        ObjectNode out = o.putObject("output_bytes");
        out.put("alerts", m.alertBytes());
        out.put("late", m.lateBytes());
        out.put("dead_letter", m.deadLetterBytes());
        o.put("engine_threads", m.engineThreads());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    }

    static Manifest read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file.getParent() + " is not a replay snapshot (it has no " + MANIFEST + ")");
        }
        JsonNode o = JSON.readTree(file.toFile());
        if (o.path("format").asInt() != 1) {
            throw new IOException(file + ": snapshot format " + o.path("format") + " is not one this Vigil reads");
        }
        List<String> inputs = new ArrayList<>();
        o.get("inputs").forEach(n -> inputs.add(n.asText()));
        List<String> rules = new ArrayList<>();
        o.get("rules").forEach(n -> rules.add(n.asText()));
        JsonNode p = o.get("position");
        long[] lines = new long[p.get("lines").size()];
        boolean[] done = new boolean[lines.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = p.get("lines").get(i).asLong();
            done[i] = p.get("done").get(i).asBoolean();
        }
        JsonNode out = o.get("output_bytes");
        return new Manifest(inputs, rules, o.get("read").asLong(), o.get("dead_lettered").asLong(),
                new DecodingReader.Position(lines, done, p.get("next_turn").asInt(), p.get("sequence").asLong()),
                out.get("alerts").asLong(), out.get("late").asLong(), out.get("dead_letter").asLong(),
                o.path("engine_threads").asInt(1)); // snapshots from before engine threads: one
    }

    static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
