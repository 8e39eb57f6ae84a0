package dev.vigil.engine.testing;

import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.RuleTest;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Outputs;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.InMemoryStateBackend;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a rule test: its events through the engine with only its rule, then compares the alerts
 * with the expected ones, in order. An expected alert lists the values it must carry (a subset);
 * numbers compare by value (4.5 equals 4.50).
 */
public final class RuleTestRunner {
    private RuleTestRunner() {}

    public record Outcome(RuleTest test, boolean passed, List<Match> actual, List<String> problems) {}

    public static Outcome run(RuleTest test, RuleProgram rule, List<EventSchema> schemas) {
        List<Match> matches = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Outputs outputs = new Outputs() {
            @Override
            public void match(Match match) {
                matches.add(match);
            }

            @Override
            public void late(Event event, String reason) {
                problems.add("event " + event.id() + " is late: " + reason);
            }
        };
        try (InMemoryStateBackend state = new InMemoryStateBackend()) {
            Engine engine = new Engine(List.of(rule), schemas, 1, EngineConfig.DEFAULTS, state, outputs);
            for (Event e : test.events()) {
                engine.accept(0, e);
                engine.advance();
            }
            engine.finish(1);
        }
        List<RuleTest.ExpectedAlert> expected = test.expected();
        if (matches.size() != expected.size()) {
            problems.add("expected " + expected.size() + " alert(s), got " + matches.size());
        }
        for (int i = 0; i < Math.min(matches.size(), expected.size()); i++) {
            compare(i + 1, expected.get(i), matches.get(i), problems);
        }
        return new Outcome(test, problems.isEmpty(), matches, problems);
    }

    private static void compare(int n, RuleTest.ExpectedAlert want, Match got, List<String> problems) {
        if (want.key().isPresent() && !want.key().get().equals(got.key())) {
            problems.add("alert " + n + ": key is \"" + got.key() + "\", expected \"" + want.key().get() + "\"");
        }
        for (Map.Entry<String, Object> e : want.values().entrySet()) {
            Object actual = got.values().get(e.getKey());
            if (!same(e.getValue(), actual)) {
                problems.add("alert " + n + ": " + e.getKey() + " is " + show(actual) + ", expected " + show(e.getValue()));
            }
        }
    }

    static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            if (a instanceof Double || b instanceof Double) {
                return Math.abs(a.doubleValue() - b.doubleValue()) <= 1e-9 * Math.max(1, Math.abs(a.doubleValue()));
            }
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return expected.equals(actual);
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}
