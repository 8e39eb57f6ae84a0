package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How many values a replay wrote to each namespace (column family) of its RocksDB state, and their
 * bytes before compression: the flushes RocksDB records in its {@code LOG} file, summed over every
 * shard below the directory. Every value written reaches the disk through a flush (the replay
 * flushes what is left when it closes), so these are the writes of the whole run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.vigil.bench.FlushedValues DIR/live}.
 */
public final class FlushedValues {
    /** "[column family] [JOB n] Flushing memtable", which names the family of job n. */
    private static final Pattern FLUSHING = Pattern.compile("\\[([^\\]]+)\\] \\[JOB (\\d+)\\] Flushing memtable");
    private static final Pattern STARTED = Pattern.compile(
            "\"job\": (\\d+), \"event\": \"flush_started\".*\"total_num_input_entries\": (\\d+), \"num_deletes\": (\\d+),"
                    + " \"total_data_size\": (\\d+)");

    private FlushedValues() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FlushedValues STATE_DIR");
            System.exit(2);
        }
        Map<String, long[]> byFamily = new TreeMap<>(); // entries, deletes, bytes
        List<Path> logs;
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            logs = files.filter(p -> p.getFileName().toString().equals("LOG")).toList();
        }
        for (Path log : logs) {
            Map<String, String> familyOfJob = new HashMap<>();
            for (String line : Files.readAllLines(log)) {
                Matcher f = FLUSHING.matcher(line);
                if (f.find()) {
                    familyOfJob.put(f.group(2), f.group(1));
                    continue;
                }
                Matcher s = STARTED.matcher(line);
                if (s.find()) {
                    long[] sums = byFamily.computeIfAbsent(familyOfJob.getOrDefault(s.group(1), "?"), k -> new long[3]);
                    sums[0] += Long.parseLong(s.group(2));
                    sums[1] += Long.parseLong(s.group(3));
                    sums[2] += Long.parseLong(s.group(4));
                }
            }
        }
        byFamily.forEach((family, sums) -> System.out.printf("%s: %,d values written (%,d of them deletes), %,.2f GB%n",
                family, sums[0], sums[1], sums[2] / 1e9));
    }
}
