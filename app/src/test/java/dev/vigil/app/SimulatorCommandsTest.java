package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vigil simulate`, `vigil import` and `vigil produce` as a user types them. */
class SimulatorCommandsTest {
    @TempDir
    Path dir;

    @Test
    void simulateWritesAStreamThatReplaysAndACasesFile() throws Exception {
        Path out = dir.resolve("s.ndjson.gz");
        Path cases = dir.resolve("cases.ndjson");
        CliRun run = CliRun.of("simulate", "--cards", "300", "--days", "3", "--seed", "4", "--fraud-rate", "0.05",
                "--out-of-order", "20s", "--malformed-rate", "0.01", "--out", out.toString(), "--cases", cases.toString(),
                "--no-progress");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("fraud by scenario"), run.err());
        long lines;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            lines = new String(in.readAllBytes()).lines().count();
        }
        assertEquals(15, Files.readAllLines(cases).size(), "5 % of 300 customers");
        CliRun replay = CliRun.of("replay", "--rules", "../rules", "--input", out.toString(), "--out",
                dir.resolve("alerts.ndjson").toString(), "--no-progress");
        assertEquals(0, replay.exitCode(), replay.err());
        assertTrue(replay.err().contains("events read:      " + lines), replay.err());
        assertTrue(!replay.err().contains("dead-lettered:  0"), "the malformed records are dead-lettered: " + replay.err());
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        CliRun run = CliRun.of("simulate", "--cards", "10", "--days", "1", "--scenarios", "card_testing,phishing",
                "--out", dir.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown scenario `phishing`; the scenarios are [card_testing, "), run.err());
    }

    @Test
    void importReportsRefusedRowsWithTheirLinesAndFailsTheExitCode() throws Exception {
        Path csv = dir.resolve("paysim.csv");
        Files.write(csv, List.of("step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,newbalanceDest,isFraud,isFlaggedFraud",
                "1,PAYMENT,9839.64,C1231006815,170136.0,160296.36,M1979787155,0.0,0.0,0,0",
                "1,TRANSFER,lots,C1305486145,181.0,0.0,C553264065,0.0,0.0,1,0"));
        Path out = dir.resolve("out.ndjson");
        Path rejects = dir.resolve("rejects.ndjson");
        CliRun run = CliRun.of("import", "--format", "paysim", csv.toString(), "--out", out.toString(), "--rejects",
                rejects.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(csv + ":3: amount is not an amount: lots"), run.err());
        assertEquals(1, Files.readAllLines(out).size());
        assertTrue(Files.readString(rejects).startsWith("{\"line\":3,\"reason\":\"amount is not an amount: lots\""));
        CliRun wrong = CliRun.of("import", "--format", "sparkov", csv.toString(), "--out", out.toString());
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.err().contains("the header has no column `trans_date_trans_time`"), wrong.err());
    }

    @Test
    void produceTakesOnePace() {
        CliRun run = CliRun.of("produce", "--input", "x", "--topic", "t", "--rate", "10", "--speedup", "2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }
}
