package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.engine.nfa.Match;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key group has one timer per key (docs/architecture.md, Timers). Clean-up may wait and is
 * skipped at the end of the input; a deadline that produces output may not be lost behind it.
 */
class GroupTimerTest {
    private static final String RULES = """
            rule counted {
              key k
              match a: E where kind = "a"
              when count(E over 1h) >= 1
            }
            rule unanswered {
              key k
              match d: E where kind = "d"
                not then x: E where kind = "x"
              within 2h
            }
            """;

    @Test
    void anAbsenceRunningOutAfterTheInputEndsStillFiresBehindAnEarlierCleanUpTimer() {
        EngineHarness h = new EngineHarness(RULES);
        // `counted` keeps a one-hour history: its key gets a clean-up timer before `unanswered`'s
        // deadline (10m + 2h) exists; the input ends at 10m.
        List<Match> matches = h.run(List.of(h.event("e1", 0, "a", 0, 0), h.event("e2", 600_000, "d", 0, 1)));
        assertEquals(List.of("counted@0 a=[e1]", "unanswered@7800000 d=[e2]"), describe(matches));
    }

    @Test
    void anAnsweredAbsenceDoesNotFire() {
        EngineHarness h = new EngineHarness(RULES);
        List<Match> matches = h.run(List.of(h.event("e1", 0, "a", 0, 0), h.event("e2", 600_000, "d", 0, 1),
                h.event("e3", 900_000, "x", 0, 2)));
        assertEquals(List.of("counted@0 a=[e1]"), describe(matches));
    }

    private static List<String> describe(List<Match> matches) {
        return matches.stream().map(m -> m.rule().name() + "@" + m.detectedAt() + " " + EngineHarness.describe(m)).toList();
    }
}
