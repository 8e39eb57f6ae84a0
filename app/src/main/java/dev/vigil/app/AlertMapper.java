package dev.vigil.app;

import dev.vigil.alerts.Alert;
import dev.vigil.alerts.AlertId;
import dev.vigil.dsl.program.OutputValue;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.engine.nfa.Match;
import dev.vigil.engine.time.EventTimeBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an engine match into the alert a reviewer reads. */
final class AlertMapper {
    private AlertMapper() {}

    static Alert toAlert(Match m) {
        RuleProgram rule = m.rule();
        Map<String, List<String>> ids = new LinkedHashMap<>();
        List<Event> inOrder = new ArrayList<>();
        for (Map.Entry<String, List<Event>> e : m.events().entrySet()) {
            ids.put(e.getKey(), e.getValue().stream().map(Event::id).toList());
            inOrder.addAll(e.getValue());
        }
        inOrder.sort(EventTimeBuffer::compare);
        Map<String, Object> values = new LinkedHashMap<>();
        for (OutputValue o : rule.outputs()) {
            Object v = m.values().get(o.name());
            if (v instanceof Long l && o.type() == dev.vigil.dsl.schema.ValueType.TIMESTAMP) {
                v = Instant.ofEpochMilli(l).toString();
            } else if (v instanceof Long l && o.type() == dev.vigil.dsl.schema.ValueType.DURATION) {
                v = Duration.ofMillis(l).toString();
            }
            values.put(o.name(), v);
        }
        List<String> events = inOrder.stream().map(AlertMapper::raw).toList();
        String id = AlertId.of(rule.name(), rule.version(), m.key(), inOrder.stream().map(Event::id).toList());
        return new Alert(id, rule.name(), rule.version(), rule.severity().keyword(), rule.queue(), m.key(), m.detectedAt(),
                ids, values, events);
    }

    /** The event as read; events made in rule tests have no raw form and are rendered from their fields. */
    private static String raw(Event e) {
        if (e.hasRaw()) {
            return e.raw();
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        o.put("type", e.schema().name());
        for (FieldSlot f : e.schema().fields()) {
            Object v = e.value(f);
            if (f.type() == dev.vigil.dsl.schema.ValueType.TIMESTAMP) {
                o.put(f.name(), Instant.ofEpochMilli((Long) v).toString());
            } else {
                o.set(f.name(), JSON.valueToTree(v));
            }
        }
        return o.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
