package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.engine.nfa.KeyState;
import dev.vigil.engine.nfa.RuleRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pathological rule over a hot key stays within its partial-match bound and keeps going. */
class GuardTest {
    @Test
    void partialMatchesStayBoundedAndTheCapIsReportedOnce() {
        EngineHarness h = new EngineHarness("""
                rule explode {
                  key k
                  max_partials 64
                  match
                    x: E+ combinations where kind = "a"
                    then any y: E where kind = "b"
                  within 1d
                }
                """);
        RuleProgram rule = h.compilation.rules().get(0);
        List<String> reports = new ArrayList<>();
        RuleRunner runner = new RuleRunner(rule, 10_000, (r, key, dropped) -> reports.add(key));
        KeyState st = runner.newState();
        int maxSeen = 0;
        long matches = 0;
        for (int i = 0; i < 5_000; i++) {
            String kind = i % 10 == 9 ? "b" : "a";
            matches += runner.onEvent(st, runner.newHistory(), "hot", h.event("e" + i, 1000L * i, kind, 0, i)).size();
            maxSeen = Math.max(maxSeen, st.openRuns());
        }
        assertTrue(maxSeen <= 64, "open partial matches: " + maxSeen);
        assertTrue(runner.partialsDropped() > 0, "the bound was hit");
        assertEquals(List.of("hot"), reports, "reported once per rule and key");
        assertTrue(matches > 0, "matching goes on under the bound");
    }

    @Test
    void theEngineDefaultBoundsRulesThatSetNone() {
        EngineHarness h = new EngineHarness("""
                rule wide {
                  key k
                  match
                    x: E where kind = "a"
                    then any y: E where kind = "a"
                  within 1d
                  after match skip none
                }
                """);
        RuleRunner runner = new RuleRunner(h.compilation.rules().get(0), 100, (r, key, dropped) -> { });
        KeyState st = runner.newState();
        for (int i = 0; i < 1_000; i++) {
            runner.onEvent(st, runner.newHistory(), "hot", h.event("e" + i, 1000L * i, "a", 0, i));
            assertTrue(st.openRuns() <= 100);
        }
        assertEquals(900, runner.partialsDropped());
    }
}
