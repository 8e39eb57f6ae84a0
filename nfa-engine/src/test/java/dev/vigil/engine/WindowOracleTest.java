package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.nfa.Match;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Velocity windows and history against a brute-force recomputation from the raw events: at every
 * event of a key, each window value must equal what the definition gives (events processed up to
 * and including this one with time in (t - d, t]), and history membership what it gives (events
 * processed before this one, no older than t - d). Streams have ties and events exactly one
 * window-length apart, to pin the edges.
 */
class WindowOracleTest {
    private static final int CASES = Integer.getInteger("vigil.window.cases", 400);

    @Test
    void windowsAndHistoryMatchTheirDefinition() {
        Random r = new Random(11);
        for (int c = 0; c < CASES; c++) {
            int d = 1 + r.nextInt(5);
            int h = 1 + r.nextInt(8);
            EngineHarness harness = new EngineHarness("""
                    rule w {
                      key k
                      match t: E
                      after match skip none
                      alert {
                        n: count(E over %1$ds), s: sum(E.v over %1$ds), a: avg(E.v over %1$ds),
                        lo: min(E.v over %1$ds), hi: max(E.v over %1$ds), kinds: distinct(E.kind over %1$ds),
                        seen: t.kind in history(E.kind over %2$ds)
                      }
                    }
                    """.formatted(d, h));
            List<Event> events = new ArrayList<>();
            long t = 0;
            for (int i = 0; i < 25; i++) {
                // Ties, exact window lengths and gaps.
                t += switch (r.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 1000L * d;
                    default -> 500L * r.nextInt(4);
                };
                events.add(harness.event("e" + i, t, "abc".substring(r.nextInt(3)).substring(0, 1), r.nextInt(10) - 3, i));
            }
            List<Match> matches = harness.run(events);
            assertEquals(events.size(), matches.size());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(expected(events, i, d * 1000L, h * 1000L), matches.get(i).values(),
                        "case " + c + ", event " + i + " (window " + d + "s, history " + h + "s)");
            }
        }
    }

    private static Map<String, Object> expected(List<Event> events, int current, long window, long history) {
        Event now = events.get(current);
        long n = 0;
        long sum = 0;
        Long lo = null;
        Long hi = null;
        Set<String> kinds = new HashSet<>();
        boolean seen = false;
        for (int j = 0; j <= current; j++) {
            Event e = events.get(j);
            long v = (Long) e.value(e.schema().field("v").get());
            String kind = (String) e.value(e.schema().field("kind").get());
            if (e.time() > now.time() - window) {
                n++;
                sum += v;
                lo = lo == null ? v : Math.min(lo, v);
                hi = hi == null ? v : Math.max(hi, v);
                kinds.add(kind);
            }
            if (j < current && e.time() >= now.time() - history
                    && kind.equals(now.value(now.schema().field("kind").get()))) {
                seen = true;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", n);
        out.put("s", sum);
        out.put("a", (double) sum / n);
        out.put("lo", lo);
        out.put("hi", hi);
        out.put("kinds", (long) kinds.size());
        out.put("seen", seen);
        return out;
    }
}
