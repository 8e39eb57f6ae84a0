package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.nfa.Match;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Velocity windows and history against a brute-force recomputation from the raw events: at every
 * event of a key, each window value must equal what the definition gives (events of E processed up
 * to and including this one with time in (t - d, t]), and history membership and first/last-seen
 * times what it gives (events of E processed before this one, no older than t - d). Streams have
 * ties and events exactly one window-length apart, to pin the edges; half of them arrive out of
 * order within the declared bound (processing order is (time, arrival), whatever the arrival
 * order); half mix in events of a second type F whose rule reads the windows and history of E,
 * so the current event is not in them. The two rules share a key, so they share the key's history
 * (one entry per event of E for both), with windows and look-ups of different lengths.
 */
class WindowOracleTest {
    private static final int CASES = Integer.getInteger("vigil.window.cases", 400);
    private static final String VALUES = """
              alert {
                n: count(E over %1$ds), s: sum(E.v over %1$ds), a: avg(E.v over %1$ds),
                lo: min(E.v over %1$ds), hi: max(E.v over %1$ds), kinds: distinct(E.kind over %1$ds),
                seen: t.kind in history(E.kind over %2$ds),
                fs: first_seen(t.kind in E.kind over %2$ds), ls: last_seen(t.kind in E.kind over %2$ds)
              }
            """;

    @Test
    void windowsAndHistoryMatchTheirDefinition() {
        Random r = new Random(11);
        for (int c = 0; c < CASES; c++) {
            int d = 1 + r.nextInt(5);
            int h = 1 + r.nextInt(8);
            int df = 1 + r.nextInt(5);
            int hf = 1 + r.nextInt(8);
            boolean outOfOrder = r.nextBoolean();
            boolean mixed = r.nextBoolean();
            long bound = outOfOrder ? 2000 : 0;
            EngineHarness harness = new EngineHarness("""
                    event F {
                      id id
                      time ts
                      out_of_order %3$s
                      id: string
                      k: string = "k"
                      ts: timestamp
                      kind: string
                    }
                    rule w {
                      key k
                      match t: E
                      after match skip none
                    %4$s}
                    rule wf {
                      key k
                      match t: F
                      after match skip none
                    %5$s}
                    """.formatted(d, h, bound / 1000 + "s", VALUES.formatted(d, h), VALUES.formatted(df, hf)),
                    bound / 1000 + "s");
            EventSchema f = harness.compilation.event("F").orElseThrow();

            // Times first (ties, exact window lengths, gaps), then an arrival order within the bound:
            // sorting by time plus a jitter below the bound keeps every event above the watermark.
            List<long[]> drafts = new ArrayList<>(); // {time, time + jitter, draft index}
            long t = 0;
            for (int i = 0; i < 25; i++) {
                t += switch (r.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 1000L * d;
                    default -> 500L * r.nextInt(4);
                };
                drafts.add(new long[] {t, t + (bound == 0 ? 0 : r.nextInt((int) bound)), i});
            }
            drafts.sort(Comparator.comparingLong((long[] x) -> x[1]).thenComparingLong(x -> x[2]));
            List<Event> arrivals = new ArrayList<>();
            for (int seq = 0; seq < drafts.size(); seq++) {
                long time = drafts.get(seq)[0];
                String kind = "abc".substring(r.nextInt(3)).substring(0, 1);
                arrivals.add(mixed && r.nextInt(3) == 0
                        ? eventF(f, "f" + seq, time, kind, seq)
                        : harness.event("e" + seq, time, kind, r.nextInt(10) - 3, seq));
            }
            List<Match> matches = harness.run(arrivals);

            List<Event> processed = new ArrayList<>(arrivals);
            processed.sort(Comparator.comparingLong(Event::time).thenComparingLong(Event::sequence));
            assertEquals(processed.size(), matches.size());
            for (int i = 0; i < processed.size(); i++) {
                assertEquals(processed.get(i).id(), matches.get(i).events().get("t").get(0).id(), "case " + c);
                boolean ofF = processed.get(i).schema() == f;
                int window = ofF ? df : d;
                int history = ofF ? hf : h;
                assertEquals(expected(processed, i, window * 1000L, history * 1000L), matches.get(i).values(),
                        "case " + c + ", event " + i + " (window " + window + "s, history " + history
                                + "s, out of order by " + bound + " ms, mixed " + mixed + ")");
            }
        }
    }

    private static Event eventF(EventSchema f, String id, long ts, String kind, long seq) {
        EventBuilder b = new EventBuilder(f);
        b.setValue(f.field("id").get(), id);
        b.setValue(f.field("ts").get(), ts);
        b.setValue(f.field("kind").get(), kind);
        return b.build(id, seq);
    }

    /** The definition, over the events in processing order, at the {@code current}-th. */
    private static Map<String, Object> expected(List<Event> processed, int current, long window, long history) {
        Event now = processed.get(current);
        String nowKind = (String) now.value(now.schema().field("kind").get());
        long n = 0;
        long sum = 0;
        Long lo = null;
        Long hi = null;
        Set<String> kinds = new HashSet<>();
        Long firstSeen = null;
        Long lastSeen = null;
        for (int j = 0; j <= current; j++) {
            Event e = processed.get(j);
            if (!e.schema().name().equals("E")) {
                continue;
            }
            long v = (Long) e.value(e.schema().field("v").get());
            String kind = (String) e.value(e.schema().field("kind").get());
            if (e.time() > now.time() - window) {
                n++;
                sum += v;
                lo = lo == null ? v : Math.min(lo, v);
                hi = hi == null ? v : Math.max(hi, v);
                kinds.add(kind);
            }
            if (j < current && e.time() >= now.time() - history && kind.equals(nowKind)) {
                firstSeen = firstSeen == null ? e.time() : Math.min(firstSeen, e.time());
                lastSeen = lastSeen == null ? e.time() : Math.max(lastSeen, e.time());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", n);
        out.put("s", sum);
        out.put("a", n == 0 ? null : (double) sum / n);
        out.put("lo", lo);
        out.put("hi", hi);
        out.put("kinds", (long) kinds.size());
        out.put("seen", firstSeen != null);
        out.put("fs", firstSeen);
        out.put("ls", lastSeen);
        return out;
    }
}
