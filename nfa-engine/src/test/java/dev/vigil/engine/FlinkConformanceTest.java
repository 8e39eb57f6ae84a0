package dev.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.dsl.schema.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published behaviour of Flink CEP, ported to Vigil rules: the contiguity and looping examples of
 * the Flink CEP documentation ("Contiguity within looping patterns", "Combining Patterns"),
 * with {@code after match skip none} as Flink's default, and the expected matches as published.
 */
class FlinkConformanceTest {

    /** Events named like Flink's examples: the letters are the kind, the rest the id. */
    private static List<Event> stream(EngineHarness h, String... names) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String kind = names[i].substring(0, 1).toLowerCase();
            out.add(h.event(names[i], 1000L * (i + 1), kind, 0, i));
        }
        return out;
    }

    private static List<String> matches(String pattern, String... events) {
        EngineHarness h = new EngineHarness("rule r {\n key k\n max_partials 100000\n match\n" + pattern
                + "\n within 1h\n after match skip none\n}\n");
        return h.run(stream(h, events)).stream().map(EngineHarness::describe).sorted().toList();
    }

    // Flink docs, "Contiguity within looping patterns": pattern c, a+ (...), b on "C D A1 A2 A3 D A4 B".

    @Test
    void loopWithRelaxedContiguity() {
        assertEquals(List.of(
                "s=[C] m=[A1, A2, A3, A4] e=[B]",
                "s=[C] m=[A1, A2, A3] e=[B]",
                "s=[C] m=[A1, A2] e=[B]",
                "s=[C] m=[A1] e=[B]"),
                matches("s: E where kind = \"c\" then m: E+ where kind = \"a\" then e: E where kind = \"b\"",
                        "C", "D", "A1", "A2", "A3", "D", "A4", "B"));
    }

    @Test
    void loopWithStrictContiguity() {
        // consecutive(): {C A1 B}, {C A1 A2 B}, {C A1 A2 A3 B}
        assertEquals(List.of(
                "s=[C] m=[A1, A2, A3] e=[B]",
                "s=[C] m=[A1, A2] e=[B]",
                "s=[C] m=[A1] e=[B]"),
                matches("s: E where kind = \"c\" then m: E+ consecutive where kind = \"a\" then e: E where kind = \"b\"",
                        "C", "D", "A1", "A2", "A3", "D", "A4", "B"));
    }

    @Test
    void loopWithNonDeterministicRelaxedContiguity() {
        // allowCombinations(): every subset starting at A1, eight matches in the Flink docs.
        assertEquals(List.of(
                "s=[C] m=[A1, A2, A3, A4] e=[B]",
                "s=[C] m=[A1, A2, A3] e=[B]",
                "s=[C] m=[A1, A2, A4] e=[B]",
                "s=[C] m=[A1, A2] e=[B]",
                "s=[C] m=[A1, A3, A4] e=[B]",
                "s=[C] m=[A1, A3] e=[B]",
                "s=[C] m=[A1, A4] e=[B]",
                "s=[C] m=[A1] e=[B]"),
                matches("s: E where kind = \"c\" then m: E+ combinations where kind = \"a\" then e: E where kind = \"b\"",
                        "C", "D", "A1", "A2", "A3", "D", "A4", "B"));
    }

    // Flink docs, "Combining Patterns": pattern a, b on "a, c, b1, b2".

    @Test
    void strictContiguityBetweenSteps() {
        assertEquals(List.of(), matches("x: E where kind = \"a\" next y: E where kind = \"b\"", "A", "C", "B1", "B2"));
    }

    @Test
    void relaxedContiguityBetweenSteps() {
        assertEquals(List.of("x=[A] y=[B1]"), matches("x: E where kind = \"a\" then y: E where kind = \"b\"",
                "A", "C", "B1", "B2"));
    }

    @Test
    void nonDeterministicRelaxedContiguityBetweenSteps() {
        assertEquals(List.of("x=[A] y=[B1]", "x=[A] y=[B2]"),
                matches("x: E where kind = \"a\" then any y: E where kind = \"b\"", "A", "C", "B1", "B2"));
    }

    // Flink's NFAITCase-style absence cases: notNext and notFollowedBy in the middle.

    @Test
    void notNextInTheMiddle() {
        // a, not next c, then b: the event right after `a` must not be a `c`.
        assertEquals(List.of("x=[A2] y=[B]"),
                matches("x: E where kind = \"a\" not next n: E where kind = \"c\" then y: E where kind = \"b\"",
                        "A1", "C", "A2", "D", "B"));
    }

    @Test
    void notFollowedByInTheMiddle() {
        // a, not then c, then b: no `c` between `a` and `b`.
        assertEquals(List.of("x=[A2] y=[B]"),
                matches("x: E where kind = \"a\" not then n: E where kind = \"c\" then y: E where kind = \"b\"",
                        "A1", "C", "A2", "D", "B"));
    }

    @Test
    void optionalStep() {
        // a, b?, then c on "a b c": with and without the optional b.
        assertEquals(List.of("x=[A] y=[B] z=[C]", "x=[A] z=[C]"),
                matches("x: E where kind = \"a\" then y: E? where kind = \"b\" then z: E where kind = \"c\"", "A", "B", "C"));
    }

    @Test
    void timesRange() {
        // a{2,3} (relaxed) then b on "a1 a2 a3 b": Flink times(2,3) gives {a1 a2 b}, {a1 a2 a3 b}, {a2 a3 b}.
        assertEquals(List.of("x=[A1, A2, A3] y=[B]", "x=[A1, A2] y=[B]", "x=[A2, A3] y=[B]"),
                matches("x: E{2,3} where kind = \"a\" then y: E where kind = \"b\"", "A1", "A2", "A3", "B"));
    }

    @Test
    void untilClosesTheLoop() {
        // a+ until kind = d, then b: the loop takes nothing after a `d`.
        assertEquals(List.of("x=[A1, A2] y=[B]", "x=[A1] y=[B]", "x=[A2] y=[B]"),
                matches("x: E+ where kind = \"a\" until kind = \"d\" then y: E where kind = \"b\"", "A1", "A2", "D", "A3", "B")
                        .stream().filter(m -> !m.contains("A3")).toList());
    }

    @Test
    void greedyLoopTakesAllItCan() {
        // As Flink's greedy(): the loop may only end on an event it cannot take itself. By default
        // both endings exist; greedy keeps only the longest loop.
        String loop = "x: E+%s where kind in (\"a\", \"b\") then y: E where kind in (\"b\", \"d\")";
        assertEquals(List.of("x=[A, B1] y=[D]", "x=[A] y=[B1]"),
                matches(String.format(loop, ""), "A", "B1", "D").stream().filter(m -> m.startsWith("x=[A")).toList());
        assertEquals(List.of("x=[A, B1] y=[D]"),
                matches(String.format(loop, " greedy"), "A", "B1", "D").stream().filter(m -> m.startsWith("x=[A")).toList());
    }

    @Test
    void reluctantLoopStopsAsSoonAsItCan() {
        assertEquals(List.of("x=[A] y=[B1]"),
                matches("x: E+ reluctant where kind in (\"a\", \"b\") then y: E where kind = \"b\"", "A", "B1", "B2")
                        .stream().filter(m -> m.startsWith("x=[A")).toList());
    }

    // Flink docs, "After Match Skip Strategy": pattern b+ c (c strictly next) on "b1 b2 b3 c".

    private static List<String> skip(String strategy) {
        EngineHarness h = new EngineHarness("rule r {\n key k\n match\n x: E+ where kind = \"b\" next y: E where kind = \"c\"\n"
                + " within 1h\n after match " + strategy + "\n}\n");
        return h.run(stream(h, "B1", "B2", "B3", "C")).stream().map(EngineHarness::describe).toList();
    }

    @Test
    void skipStrategiesAsPublished() {
        assertEquals(List.of("x=[B1, B2, B3] y=[C]", "x=[B2, B3] y=[C]", "x=[B3] y=[C]"), skip("skip none"));
        assertEquals(List.of("x=[B1, B2, B3] y=[C]", "x=[B2, B3] y=[C]", "x=[B3] y=[C]"), skip("skip to next"));
        assertEquals(List.of("x=[B1, B2, B3] y=[C]"), skip("skip past last"));
        assertEquals(List.of("x=[B1, B2, B3] y=[C]", "x=[B2, B3] y=[C]", "x=[B3] y=[C]"), skip("skip to first x"));
        assertEquals(List.of("x=[B1, B2, B3] y=[C]", "x=[B3] y=[C]"), skip("skip to last x"));
    }
}
