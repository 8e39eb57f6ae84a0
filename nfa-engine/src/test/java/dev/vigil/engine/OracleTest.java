package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.dsl.schema.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The engine against a brute-force oracle. For thousands of generated small patterns (steps with
 * quantifiers, the three contiguities, absences in the middle and at the end, within) and
 * generated small streams, the oracle enumerates every match straight from the definitions in
 * docs/language.md — assignments of events to steps, checked constraint by constraint — and the
 * engine (with {@code after match skip none}, so every match is emitted) must find exactly those.
 */
class OracleTest {
    private static final int CASES = Integer.getInteger("vigil.oracle.cases", 4000);
    private static final long SEED = Long.getLong("vigil.oracle.seed", 42L);
    private static final String[] KINDS = {"a", "b", "c"};

    /** One generated step. */
    record Step(String var, String condKind, int condValue, int min, int max, String link, String inner, boolean absent) {
        boolean test(Ev e) {
            return (condKind == null || e.kind.equals(condKind)) && e.v >= condValue;
        }

        String condition() {
            List<String> parts = new ArrayList<>();
            if (condKind != null) {
                parts.add("kind = \"" + condKind + "\"");
            }
            if (condValue > 0) {
                parts.add("v >= " + condValue);
            }
            return parts.isEmpty() ? "" : " where " + String.join(" and ", parts);
        }

        String quantifier() {
            if (min == 1 && max == 1) {
                return "";
            }
            if (max == -1) {
                return min == 0 ? "*" : min == 1 ? "+" : "{" + min + ",}";
            }
            return min == 0 && max == 1 ? "?" : min == max ? "{" + min + "}" : "{" + min + "," + max + "}";
        }
    }

    record Ev(String id, long ts, String kind, int v) {}

    @Test
    void engineFindsExactlyTheMatchesTheDefinitionGives() {
        Random r = new Random(SEED);
        int nonEmpty = 0;
        for (int c = 0; c < CASES; c++) {
            List<Step> steps = pattern(r);
            long within = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(6);
            boolean endAbsence = steps.get(steps.size() - 1).absent;
            if (endAbsence && within == 0) {
                within = 1 + r.nextInt(6);
            }
            List<Ev> stream = stream(r);
            String rule = rule(steps, within);
            List<String> expected = oracle(steps, within * 1000, stream);
            EngineHarness h = new EngineHarness(rule);
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < stream.size(); i++) {
                Ev e = stream.get(i);
                events.add(h.event(e.id, e.ts, e.kind, e.v, i));
            }
            List<String> actual = new ArrayList<>(h.run(events).stream().map(EngineHarness::describe).toList());
            Collections.sort(expected);
            Collections.sort(actual);
            String shown = stream.stream().map(e -> e.id + ":" + e.kind + e.v + "@" + e.ts / 1000).toList().toString();
            assertEquals(expected, actual, "case " + c + " (seed " + SEED + ")\n" + rule + "\nstream " + shown);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        // The generator must produce matches often enough to test something.
        org.junit.jupiter.api.Assertions.assertTrue(nonEmpty > CASES / 4, nonEmpty + " of " + CASES + " cases had matches");
    }

    private static List<Step> pattern(Random r) {
        int n = 1 + r.nextInt(3);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean absent = i > 0 && r.nextInt(5) == 0 && !steps.get(i - 1).absent;
            String link = i == 0 ? null : new String[] {"next", "then", "then any"}[r.nextInt(absent ? 2 : 3)];
            int[][] qs = {{1, 1}, {1, 1}, {0, 1}, {1, -1}, {2, 2}, {1, 2}, {0, -1}, {2, -1}};
            int[] q = absent ? qs[0] : qs[r.nextInt(qs.length)];
            String inner = q[1] == -1 || q[1] > 1 ? new String[] {"", "", " consecutive", " combinations"}[r.nextInt(4)] : "";
            String kind = r.nextInt(4) == 0 ? null : KINDS[r.nextInt(KINDS.length)];
            int value = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
            steps.add(new Step("s" + i, kind, value, q[0], q[1], link, inner, absent));
        }
        // A pattern must take an event, must not end in a loop with no bound, and must not be all optional.
        boolean anyRequired = steps.stream().anyMatch(s -> !s.absent && s.min > 0);
        Step last = steps.get(steps.size() - 1);
        if (!anyRequired || !last.absent && last.max == -1 || steps.get(0).min == 0 && steps.size() == 1) {
            return pattern(r);
        }
        return steps;
    }

    private static List<Ev> stream(Random r) {
        int n = 2 + r.nextInt(7);
        List<Ev> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += 1000L * (1 + r.nextInt(2));
            out.add(new Ev("e" + i, t, KINDS[r.nextInt(KINDS.length)], r.nextInt(3)));
        }
        return out;
    }

    private static String rule(List<Step> steps, long withinSeconds) {
        StringBuilder b = new StringBuilder("rule r {\n  key k\n  max_partials 1000000\n  match\n");
        for (Step s : steps) {
            b.append("    ");
            if (s.link != null) {
                b.append(s.absent ? "not " + s.link : s.link).append(' ');
            }
            b.append(s.var).append(": E").append(s.quantifier()).append(s.inner).append(s.condition()).append('\n');
        }
        if (withinSeconds > 0) {
            b.append("  within ").append(withinSeconds).append("s\n");
        }
        return b.append("  after match skip none\n}\n").toString();
    }

    // ------------------------------------------------------------------ the oracle

    /** Every match by definition: choose events for each step, then check every constraint. */
    static List<String> oracle(List<Step> steps, long within, List<Ev> stream) {
        List<String> out = new ArrayList<>();
        assign(steps, 0, -1, new ArrayList<>(), stream, within, out);
        return out;
    }

    /** picks.get(i) holds the stream positions taken by step i (empty for absences and skipped optionals). */
    private static void assign(List<Step> steps, int i, int after, List<List<Integer>> picks, List<Ev> stream, long within,
                               List<String> out) {
        if (i == steps.size()) {
            if (valid(steps, picks, stream, within)) {
                StringBuilder b = new StringBuilder();
                for (int s = 0; s < steps.size(); s++) {
                    if (!picks.get(s).isEmpty()) {
                        b.append(b.length() == 0 ? "" : " ").append(steps.get(s).var).append('=')
                                .append(picks.get(s).stream().map(p -> stream.get(p).id).toList());
                    }
                }
                out.add(b.toString());
            }
            return;
        }
        Step s = steps.get(i);
        if (s.absent) {
            picks.add(List.of());
            assign(steps, i + 1, after, picks, stream, within, out);
            picks.remove(picks.size() - 1);
            return;
        }
        // every increasing choice of k positions after `after`, min <= k <= max
        chooseFrom(s, after + 1, new ArrayList<>(), stream, chosen -> {
            picks.add(List.copyOf(chosen));
            int last = chosen.isEmpty() ? after : chosen.get(chosen.size() - 1);
            assign(steps, i + 1, last, picks, stream, within, out);
            picks.remove(picks.size() - 1);
            return false;
        });
    }

    private static void chooseFrom(Step s, int from, List<Integer> chosen, List<Ev> stream, Predicate<List<Integer>> onChoice) {
        if (chosen.size() >= s.min) {
            onChoice.test(chosen);
        }
        if (s.max != -1 && chosen.size() == s.max) {
            return;
        }
        for (int p = from; p < stream.size(); p++) {
            if (s.test(stream.get(p))) {
                chosen.add(p);
                chooseFrom(s, p + 1, chosen, stream, onChoice);
                chosen.remove(chosen.size() - 1);
            }
        }
    }

    private static boolean valid(List<Step> steps, List<List<Integer>> picks, List<Ev> stream, long within) {
        List<Integer> all = new ArrayList<>();
        picks.forEach(all::addAll);
        if (all.isEmpty()) {
            return false;
        }
        long start = stream.get(all.get(0)).ts;
        int lastPos = all.get(all.size() - 1);
        if (within > 0 && stream.get(lastPos).ts - start > within) {
            return false;
        }
        // inner contiguity of loops
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            List<Integer> p = picks.get(i);
            for (int j = 1; j < p.size(); j++) {
                if (!contiguous(s.inner.isEmpty() ? "then" : s.inner.equals(" consecutive") ? "next" : "then any",
                        p.get(j - 1), p.get(j), s, stream)) {
                    return false;
                }
            }
        }
        // links between steps: the previous taken event and the next step's first event
        int prev = -1;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.absent) {
                continue;
            }
            List<Integer> p = picks.get(i);
            if (p.isEmpty()) {
                continue;
            }
            if (prev >= 0) {
                // the link that governs this step is its own, unless skipped optional steps sit between:
                // then the nearest non-skipped step's link before it decides (as the NFA passes through)
                String link = s.link;
                Step absence = null;
                for (int j = i - 1; j >= 0 && (picks.get(j).isEmpty()); j--) {
                    if (steps.get(j).absent) {
                        absence = steps.get(j);
                    }
                }
                if (!contiguous(link, prev, p.get(0), s, stream)) {
                    return false;
                }
                if (absence != null && violates(absence, prev, p.get(0), stream)) {
                    return false;
                }
            }
            prev = p.get(p.size() - 1);
        }
        // An absence after the last taken event (later steps all skipped) ends the match: it must
        // hold until the deadline (start + within), or to the end of the input when there is none.
        Step trailing = null;
        for (int i = steps.size() - 1; i >= 0 && picks.get(i).isEmpty(); i--) {
            if (steps.get(i).absent) {
                trailing = steps.get(i);
            }
        }
        if (trailing != null) {
            long deadline = within > 0 ? start + within : Long.MAX_VALUE;
            if (trailing.link.equals("next")) {
                int next = lastPos + 1;
                return next >= stream.size() || stream.get(next).ts > deadline || !trailing.test(stream.get(next));
            }
            for (int q = lastPos + 1; q < stream.size() && stream.get(q).ts <= deadline; q++) {
                if (trailing.test(stream.get(q))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether taking {@code to} right after {@code from} respects the contiguity for a step {@code s}. */
    private static boolean contiguous(String link, int from, int to, Step s, List<Ev> stream) {
        switch (link) {
            case "next":
                return to == from + 1;
            case "then":
                for (int q = from + 1; q < to; q++) {
                    if (s.test(stream.get(q))) {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    /** A middle absence between positions: `not next` looks at the next event only, `not then` at all between. */
    private static boolean violates(Step absence, int from, int to, List<Ev> stream) {
        if (absence.link.equals("next")) {
            return from + 1 < stream.size() && absence.test(stream.get(from + 1));
        }
        for (int q = from + 1; q < to; q++) {
            if (absence.test(stream.get(q))) {
                return true;
            }
        }
        return false;
    }
}
