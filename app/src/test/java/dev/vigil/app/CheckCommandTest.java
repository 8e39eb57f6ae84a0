package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void theStarterPackCompilesCleanly() {
        CliRun run = CliRun.of("check", "../rules");
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().startsWith("ok: 13 file(s), 8 event type(s), 12 rule(s)"), run.out());
    }

    @Test
    void errorsArePrintedWithPositionCaretAndHintAndExitOne() throws Exception {
        Path f = dir.resolve("bad.vgl");
        Files.writeString(f, """
                event Txn {
                  time ts
                  ts: timestamp
                  amount: decimal
                  card_id: string
                }
                rule r {
                  key card_id
                  match a: Txn where amout > 5
                  within 0m
                }
                """);
        CliRun run = CliRun.of("check", f.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains(f + ":9:22: error: unknown field `amout` on `Txn`\n"
                + "    9 |   match a: Txn where amout > 5\n"
                + "      |                      ^^^^^\n"
                + "  hint: did you mean `amount`?\n"), run.out());
        assertTrue(run.out().contains(f + ":10:10: error: `within` must be positive"), run.out());
        assertTrue(run.out().contains("2 errors in 1 file(s); no rule was accepted"), run.out());
    }

    @Test
    void jsonForEditorsAndCi() throws Exception {
        Path f = dir.resolve("bad.vgl");
        Files.writeString(f, "rule r {\n  key card_id\n  match a: Txn where x == 1\n}\n");
        CliRun run = CliRun.of("check", "--format", "json", f.toString());
        assertEquals(1, run.exitCode());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(false, doc.get("ok").asBoolean());
        JsonNode e = doc.get("errors").get(0);
        assertEquals(f.toString(), e.get("file").asText());
        assertEquals(3, e.get("line").asInt());
        assertEquals(24, e.get("column").asInt());
        assertEquals(2, e.get("length").asInt());
        assertEquals("`==` is not an operator in Vigil", e.get("message").asText());
        assertEquals("write `=` to compare for equality", e.get("hint").asText());
        CliRun ok = CliRun.of("check", "--format=json", "../rules/examples/card_testing.vgl");
        assertEquals(0, ok.exitCode());
        assertEquals("card_testing", new ObjectMapper().readTree(ok.out()).get("rules").get(0).asText());
    }

    @Test
    void aMissingFileIsAnError() {
        CliRun run = CliRun.of("check", dir.resolve("nope.vgl").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("cannot read"), run.out());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, CliRun.of("check").exitCode());
        assertEquals(2, CliRun.of("check", "--format", "xml", "x.vgl").exitCode());
        assertEquals(2, CliRun.of("frobnicate").exitCode());
        assertEquals(2, CliRun.of().exitCode());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"check", "fmt"}) {
            CliRun run = CliRun.of(cmd, "--help");
            assertEquals(0, run.exitCode());
            assertTrue(run.out().contains("Usage: vigil " + cmd), run.out());
        }
        assertTrue(CliRun.of("--help").out().contains("Commands:"));
    }
}
