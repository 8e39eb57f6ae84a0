package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    @TempDir
    Path dir;

    @Test
    void theStarterPackTestsAllPass() {
        CliRun run = CliRun.of("test", "../rules");
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("26 passed, 0 failed"), run.out());
    }

    @Test
    void aFailingTestShowsExpectedAndActual() throws Exception {
        Path f = dir.resolve("t.vgl");
        Files.writeString(f, """
                event Txn {
                  time ts
                  ts: timestamp
                  card_id: string
                  amount: decimal
                }
                rule big {
                  key card_id
                  match a: Txn where amount > 100
                  alert { amount: a.amount }
                }
                test big "a wrong expectation" {
                  Txn { card_id: "c1", ts: "2026-01-01T00:00:00Z", amount: 150.00 }
                  Txn { card_id: "c1", ts: "2026-01-01T00:01:00Z", amount: 50.00 }
                  expect alert { key: "c1", amount: 149.99 }
                }
                test big "silence" {
                  Txn { card_id: "c2", ts: "2026-01-01T00:00:00Z", amount: 150.00 }
                  expect no alerts
                }
                test big "right" {
                  Txn { card_id: "c3", ts: "2026-01-01T00:00:00Z", amount: 150.00 }
                  expect alert big { key: "c3", amount: 150 }
                }
                """);
        CliRun run = CliRun.of("test", f.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("FAIL big \"a wrong expectation\""), run.out());
        assertTrue(run.out().contains("alert 1: amount is 150.00, expected 149.99"), run.out());
        assertTrue(run.out().contains("FAIL big \"silence\""), run.out());
        assertTrue(run.out().contains("expected 0 alert(s), got 1"), run.out());
        assertTrue(run.out().contains("PASS big \"right\""), run.out());
        assertTrue(run.out().contains("1 passed, 2 failed"), run.out());
    }
}
