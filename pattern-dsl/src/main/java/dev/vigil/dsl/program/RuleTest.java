package dev.vigil.dsl.program;

import dev.vigil.dsl.schema.Event;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled rule test: the input events in input order, and the alerts the rule must raise, in
 * order. An empty {@code expected} list means "expect no alerts". Expected values are Java
 * objects of the output's type; {@code key} is checked when given.
 */
public record RuleTest(String rule, String title, String file, int line, List<Event> events,
                       List<ExpectedAlert> expected) {
    public RuleTest {
        events = List.copyOf(events);
        expected = List.copyOf(expected);
    }

    public record ExpectedAlert(Optional<String> key, Map<String, Object> values, int line) {
        public ExpectedAlert {
            values = Map.copyOf(values);
        }
    }
}
