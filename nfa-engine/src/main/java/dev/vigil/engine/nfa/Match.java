package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import java.util.List;
import java.util.Map;

/**
 * A complete match that passed its rule's {@code when} and {@code alert if}: the key, the time it
 * was detected (the event that completed it, or the deadline an absence ran out at), the matched
 * events per variable in time order, and the alert values (null where a value does not exist).
 */
public record Match(RuleProgram rule, String key, long detectedAt, Map<String, List<Event>> events,
                    Map<String, Object> values) {}
