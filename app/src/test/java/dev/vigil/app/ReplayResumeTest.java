package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            // Killed after the first snapshot with one engine thread, after the third with two.
            String threads = killAfter == 1 ? "1" : "2";
            List<String> args = List.of("replay", "--rules", "../rules", "--input", input.toString(), "--out", out(run),
                    "--late", late(run), "--dead-letter", dead(run), "--state", state.toString(), "--snapshot-every",
                    "8000", "--threads", threads, "--no-progress");
            Process child = vigil(args);
            // The replay says where each snapshot went; read that (blocking) and kill after the wanted one.
            String last = null;
            try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                int taken = 0;
                for (String line = err.readLine(); line != null && taken < killAfter; line = err.readLine()) {
                    if (line.startsWith("snapshot: ")) {
                        taken++;
                        last = line.substring("snapshot: ".length());
                    }
                }
                assertTrue(taken == killAfter && child.isAlive(),
                        "the replay ended before its snapshot " + killAfter + "; make the input larger");
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            }
            assertEquals(137, child.waitFor());
            List<String> otherThreads = new ArrayList<>(args);
            otherThreads.set(otherThreads.indexOf("--threads") + 1, threads.equals("1") ? "2" : "1");
            otherThreads.addAll(List.of("--resume-from", last));
            CliRun refused = CliRun.of(otherThreads.toArray(String[]::new));
            assertEquals(1, refused.exitCode(), "each thread's state holds its share of the keys");
            assertTrue(refused.err().contains("resume with --threads " + threads), refused.err());
            List<String> resume = new ArrayList<>(args);
            resume.add("--resume-from");
            resume.add(last);
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

    /** The real command line in a child JVM, so that it can be killed. */
    private static Process vigil(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.vigil.app.Vigil"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
