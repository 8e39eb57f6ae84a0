package dev.vigil.bench;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateWriter;
import dev.vigil.engine.decode.EventDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many bytes an event's record as read takes in state, as read and in its compact form, by
 * event type, over the first N records of an NDJSON file: {@code java -cp
 * benchmarks/target/benchmarks.jar dev.vigil.bench.RecordSizes rules/schema/events.vgl FILE 200000}.
 */
public final class RecordSizes {
    private RecordSizes() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: RecordSizes SCHEMA_FILE NDJSON_FILE RECORDS");
            System.exit(2);
        }
        Compilation c = VigilCompiler.compilePaths(List.of(Path.of(args[0])));
        if (!c.ok()) {
            System.err.println(c.diagnostics());
            System.exit(1);
        }
        EventDecoder decoder = new EventDecoder(c.events());
        EventCodec codec = new EventCodec(c.events());
        long limit = Long.parseLong(args[2]);
        Map<String, long[]> byType = new TreeMap<>(); // events, record bytes, event as read, event compact
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[1]))) {
            String line;
            for (long n = 1; n <= limit && (line = in.readLine()) != null; n++) {
                if (decoder.decode(line, n, args[1], n) instanceof EventDecoder.Decoded d) {
                    StateWriter asRead = new StateWriter();
                    codec.write(asRead, d.event(), EventCodec.RecordForm.AS_READ);
                    StateWriter compact = new StateWriter();
                    codec.write(compact, d.event(), EventCodec.RecordForm.COMPACT);
                    long[] t = byType.computeIfAbsent(d.event().schema().name(), k -> new long[4]);
                    t[0]++;
                    t[1] += d.event().rawBytes().length;
                    t[2] += asRead.toBytes().length;
                    t[3] += compact.toBytes().length;
                }
            }
        }
        byType.forEach((type, t) -> System.out.printf(
                "%s: %d events, record %.1f bytes as read, %.1f in the compact form (the event in state: %.1f -> %.1f)%n",
                type, t[0], (double) t[1] / t[0], (double) (t[3] - t[2] + t[1]) / t[0], (double) t[2] / t[0],
                (double) t[3] / t[0]));
    }
}
