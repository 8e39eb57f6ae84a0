package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay with state in RocksDB, killed with SIGKILL mid-run and resumed from its latest
 * snapshot, ends with exactly the alerts, late events and dead letters of an uninterrupted run.
 */
class ReplayResumeTest {
    @TempDir
    Path dir;

    @Test
    void aKilledReplayResumesToTheSameOutputs() throws Exception {
        Path input = dir.resolve("in.ndjson");
        CliRun sim = CliRun.of("simulate", "--cards", "5000", "--days", "5", "--seed", "12", "--fraud-rate", "0.02",
                "--out-of-order", "20s", "--late-rate", "0.002", "--malformed-rate", "0.002", "--out", input.toString(),
                "--no-progress");
        assertEquals(0, sim.exitCode(), sim.err());
        CliRun whole = CliRun.of("replay", "--rules", "../rules", "--input", input.toString(), "--out", out("whole"),
                "--late", late("whole"), "--dead-letter", dead("whole"), "--no-progress");
        assertEquals(0, whole.exitCode(), whole.err());
        assertTrue(Files.size(Path.of(out("whole"))) > 0 && Files.size(Path.of(late("whole"))) > 0
                && Files.size(Path.of(dead("whole"))) > 0, "every output has something to lose");

        for (int killAfter : new int[] {1, 3}) {
            String run = "killed" + killAfter;
            Path state = dir.resolve("state-" + killAfter);
            List<String> args = List.of("replay", "--rules", "../rules", "--input", input.toString(), "--out", out(run),
                    "--late", late(run), "--dead-letter", dead(run), "--state", state.toString(), "--snapshot-every",
                    "8000", "--no-progress");
            Process child = vigil(args);
            Path snapshots = state.resolve("snapshots");
            while (complete(snapshots).size() < killAfter && child.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "the replay ended before its snapshot " + killAfter + "; make the input larger");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertEquals(137, child.waitFor());
            List<Path> taken = complete(snapshots);
            List<String> resume = new ArrayList<>(args);
            resume.add("--resume-from");
            resume.add(taken.get(taken.size() - 1).toString());
            CliRun resumed = CliRun.of(resume.toArray(String[]::new));
            assertEquals(0, resumed.exitCode(), resumed.err());
            assertTrue(resumed.err().contains("resumed after:"), resumed.err());
            assertEquals(Files.readString(Path.of(out("whole"))), Files.readString(Path.of(out(run))), "alerts, kill " + killAfter);
            assertEquals(Files.readString(Path.of(late("whole"))), Files.readString(Path.of(late(run))), "late events");
            assertEquals(Files.readString(Path.of(dead("whole"))), Files.readString(Path.of(dead(run))), "dead letters");
        }
    }

    @Test
    void snapshotsNeedAStateDirectoryAndAnAlertsFile() {
        CliRun run = CliRun.of("replay", "--rules", "../rules", "--input", "x.ndjson", "--snapshot-every", "10");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--snapshot-every and --resume-from need --state DIR and --out FILE"), run.err());
    }

    private String out(String run) {
        return dir.resolve(run + "-alerts.ndjson").toString();
    }

    private String late(String run) {
        return dir.resolve(run + "-late.ndjson").toString();
    }

    private String dead(String run) {
        return dir.resolve(run + "-dead.ndjson").toString();
    }

    private static List<Path> complete(Path snapshots) throws Exception {
        if (!Files.isDirectory(snapshots)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(snapshots)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** The real command line in a child JVM, so that it can be killed. */
    private static Process vigil(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.vigil.app.Vigil"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(new File(System.getProperty("java.io.tmpdir"), "vigil-resume-child.log")).start();
    }
}
