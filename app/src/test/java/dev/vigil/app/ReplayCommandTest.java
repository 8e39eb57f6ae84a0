package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerts.AlertId;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TXN = "{\"type\":\"txn\",\"txn_id\":\"%s\",\"card_id\":\"%s\",\"account_id\":\"a1\",\"ts\":\"%s\","
            + "\"amount\":%s,\"merchant_id\":\"m\",\"mcc\":5999,\"country\":\"%s\",\"channel\":\"online\"}";

    @TempDir
    Path dir;

    private static String txn(String id, String card, String ts, String amount, String country) {
        return String.format(TXN, id, card, ts, amount, country);
    }

    private List<String> input() {
        return List.of(
                txn("t1", "c1", "2026-01-01T10:00:00Z", "1.00", "US"),
                txn("t3", "c1", "2026-01-01T10:02:00Z", "1.50", "US"),
                txn("t2", "c1", "2026-01-01T10:01:00Z", "2.00", "US"),   // out of order, within bound
                "this is not json",
                "{\"type\":\"txn\",\"txn_id\":\"t9\",\"card_id\":\"c1\",\"ts\":\"2026-01-01T10:02:00Z\"}",
                "{\"type\":\"chargeback\",\"id\":1}",
                txn("t4", "c1", "2026-01-01T10:05:00Z", "900.00", "FR"),
                txn("tx", "c1", "2026-01-01T10:06:00Z", "\"lots\"", "FR"),
                txn("t0", "c1", "2026-01-01T09:00:00Z", "5.00", "US"),   // far behind: late
                "");
    }

    @Test
    void alertsDeadLettersLateAndCountsThatAddUp() throws Exception {
        Path in = dir.resolve("in.ndjson");
        Files.write(in, input());
        Path out = dir.resolve("alerts.ndjson");
        Path late = dir.resolve("late.ndjson");
        Path dead = dir.resolve("dead.ndjson");
        CliRun run = CliRun.of("replay", "--rules", "../rules", "--input", in.toString(), "--out", out.toString(),
                "--late", late.toString(), "--dead-letter", dead.toString(), "--no-progress");
        assertEquals(0, run.exitCode(), run.err());

        List<String> alerts = Files.readAllLines(out);
        assertEquals(1, alerts.size(), alerts.toString());
        JsonNode a = JSON.readTree(alerts.get(0));
        assertEquals("card_testing", a.get("rule").asText());
        assertEquals(1, a.get("rule_version").asInt());
        assertEquals("high", a.get("severity").asText());
        assertEquals("review.cards", a.get("queue").asText());
        assertEquals("c1", a.get("key").asText());
        assertEquals("2026-01-01T10:05:00Z", a.get("detected_at").asText());
        assertEquals("[\"t1\",\"t2\",\"t3\"]", a.get("match").get("probe").toString());
        assertEquals("[\"t4\"]", a.get("match").get("big").toString());
        assertTrue(alerts.get(0).contains("\"probe_total\":4.50,"), "decimals keep their scale: " + alerts.get(0));
        assertEquals(3, a.get("values").get("probes").asInt());
        assertEquals(4, a.get("events").size());
        assertEquals("t2", a.get("events").get(1).get("txn_id").asText(), "events in time order");
        assertEquals(AlertId.of("card_testing", 1, "c1", List.of("t1", "t2", "t3", "t4")), a.get("alert_id").asText());

        List<String> deadLines = Files.readAllLines(dead);
        assertEquals(4, deadLines.size(), deadLines.toString());
        assertEquals(4, JSON.readTree(deadLines.get(0)).get("line").asInt());
        assertTrue(JSON.readTree(deadLines.get(0)).get("reason").asText().startsWith("not JSON"));
        assertEquals("missing field `account_id` of Txn", JSON.readTree(deadLines.get(1)).get("reason").asText());
        assertTrue(JSON.readTree(deadLines.get(2)).get("reason").asText().startsWith("no declared event type matches"));
        assertEquals(8, JSON.readTree(deadLines.get(3)).get("line").asInt());
        assertTrue(JSON.readTree(deadLines.get(3)).get("reason").asText().contains("`amount`"));

        List<String> lateLines = Files.readAllLines(late);
        assertEquals(1, lateLines.size());
        assertEquals("t0", JSON.readTree(lateLines.get(0)).get("event_id").asText());

        String err = run.err();
        assertTrue(err.contains("events read:      9"), err);
        assertTrue(err.contains("processed:      4"), err);
        assertTrue(err.contains("late:           1"), err);
        assertTrue(err.contains("dead-lettered:  4"), err);
        assertTrue(!err.contains("do not add up"), err);
    }

    @Test
    void gzipAndPlainInputGiveTheSameAlertsEveryTime() throws Exception {
        Path plain = dir.resolve("in.ndjson");
        Files.write(plain, input());
        Path gz = dir.resolve("in.ndjson.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(String.join("\n", input()).getBytes(StandardCharsets.UTF_8));
        }
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        Path c = dir.resolve("c.ndjson");
        CliRun.of("replay", "--rules", "../rules", "--input", plain.toString(), "--out", a.toString(), "--no-progress");
        CliRun.of("replay", "--rules", "../rules", "--input", gz.toString(), "--out", b.toString(), "--no-progress");
        CliRun.of("replay", "--rules", "../rules", "--input", plain.toString(), "--out", c.toString(), "--no-progress");
        assertEquals(1, Files.readAllLines(a).size());
        assertEquals(Files.readAllLines(a), Files.readAllLines(b));
        assertEquals(Files.readAllLines(a), Files.readAllLines(c));
    }

    @Test
    void engineThreadsChangeNothingInTheOutputs() throws Exception {
        Path in = dir.resolve("sim.ndjson");
        CliRun sim = CliRun.of("simulate", "--cards", "2000", "--days", "4", "--seed", "8", "--fraud-rate", "0.02",
                "--out-of-order", "20s", "--late-rate", "0.002", "--malformed-rate", "0.002", "--out", in.toString(),
                "--no-progress");
        assertEquals(0, sim.exitCode(), sim.err());
        List<List<String>> outputs = new java.util.ArrayList<>();
        // One and three threads with state in memory, two with state in RocksDB (a store per thread).
        for (String threads : List.of("1", "3", "2")) {
            Path out = dir.resolve("alerts-" + threads);
            Path late = dir.resolve("late-" + threads);
            Path dead = dir.resolve("dead-" + threads);
            List<String> args = new java.util.ArrayList<>(List.of("replay", "--rules", "../rules", "--input", in.toString(),
                    "--out", out.toString(), "--late", late.toString(), "--dead-letter", dead.toString(), "--threads", threads,
                    "--no-progress"));
            if (threads.equals("2")) {
                args.addAll(List.of("--state", dir.resolve("state").toString()));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            outputs.add(List.of(Files.readString(out), Files.readString(late), Files.readString(dead),
                    run.err().replaceAll("time: .*", "").replaceAll("peak heap: .*", "")));
        }
        assertTrue(outputs.get(0).get(0).lines().count() > 50, "a stream with alerts");
        assertTrue(!outputs.get(0).get(1).isEmpty() && !outputs.get(0).get(2).isEmpty(), "and late and malformed records");
        assertEquals(outputs.get(0), outputs.get(1), "alerts, late events, dead letters and the summary");
        assertEquals(outputs.get(0), outputs.get(2), "the same with state in RocksDB");
        assertTrue(Files.isDirectory(dir.resolve("state/live/shard-1")), "a store per engine thread");
    }

    @Test
    void aMissingInputIsReportedNotThrown() {
        CliRun run = CliRun.of("replay", "--rules", "../rules", "--input", dir.resolve("nope.ndjson").toString(), "--no-progress");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("vigil replay: cannot read "), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void anUnwritableOutputIsReportedNotThrown() throws Exception {
        Path in = dir.resolve("in.ndjson");
        Files.write(in, input());
        CliRun run = CliRun.of("replay", "--rules", "../rules", "--input", in.toString(), "--out",
                dir.resolve("no/such/dir/a.ndjson").toString(), "--no-progress");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("vigil replay: NoSuchFileException"), run.err());
    }

    @Test
    void rulesThatDoNotCompileAreRefused() throws Exception {
        Path bad = dir.resolve("bad.vgl");
        Files.writeString(bad, "rule r { key k match a: Nope }\n");
        Path in = dir.resolve("in.ndjson");
        Files.write(in, input());
        CliRun run = CliRun.of("replay", "--rules", bad.toString(), "--input", in.toString(), "--no-progress");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("unknown event type `Nope`"), run.err());
    }
}
