package dev.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmtCommandTest {
    private static final String MESSY = """
            -- big spenders
            rule   big {
                 match a: Txn  where amount>500   -- a big one
              key card_id
            alert{amount:a.amount}
            within 1h }
            """;
    private static final String CANONICAL = """
            -- big spenders
            rule big {
              key card_id

              match
                a: Txn where amount > 500  -- a big one
              within 1h

              alert {
                amount: a.amount
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void printsTheCanonicalLayout() throws Exception {
        Path f = dir.resolve("big.vgl");
        Files.writeString(f, MESSY);
        CliRun run = CliRun.of("fmt", f.toString());
        assertEquals(0, run.exitCode(), run.out());
        assertEquals(CANONICAL, run.out());
        assertEquals(MESSY, Files.readString(f), "without --write the file is left alone");
    }

    @Test
    void writeRewritesAndFormattingTwiceChangesNothing() throws Exception {
        Path f = dir.resolve("big.vgl");
        Files.writeString(f, MESSY);
        assertEquals(1, CliRun.of("fmt", "--check", f.toString()).exitCode());
        assertEquals(0, CliRun.of("fmt", "--write", f.toString()).exitCode());
        assertEquals(CANONICAL, Files.readString(f));
        assertEquals(0, CliRun.of("fmt", "--write", f.toString()).exitCode());
        assertEquals(CANONICAL, Files.readString(f));
        CliRun check = CliRun.of("fmt", "--check", dir.toString());
        assertEquals(0, check.exitCode(), check.out());
    }

    @Test
    void theStarterPackIsFormatted() {
        CliRun run = CliRun.of("fmt", "--check", "../rules");
        assertEquals(0, run.exitCode(), "not formatted: " + run.out());
    }

    @Test
    void refusesToDropAComment() throws Exception {
        Path f = dir.resolve("c.vgl");
        String text = "rule r {\n  key card_id\n  match a: Txn where amount > 5 and\n    -- inside an expression\n    amount < 9\n}\n";
        Files.writeString(f, text);
        CliRun run = CliRun.of("fmt", "--write", f.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("would drop 1 comment(s)"), run.out());
        assertEquals(text, Files.readString(f));
    }

    @Test
    void aFileWithSyntaxErrorsIsNotTouched() throws Exception {
        Path f = dir.resolve("s.vgl");
        Files.writeString(f, "rule r { key card_id match a: Txn where x == 1 }\n");
        CliRun run = CliRun.of("fmt", "--write", f.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("`==` is not an operator in Vigil"), run.out());
    }
}
