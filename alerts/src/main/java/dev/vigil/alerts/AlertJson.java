package dev.vigil.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The one-line JSON form of an alert (docs/alerts.md has its JSON Schema). */
public final class AlertJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {}

    public static String write(Alert a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("alert_id", a.alertId());
        o.put("rule", a.rule());
        o.put("rule_version", a.ruleVersion());
        o.put("severity", a.severity());
        o.put("queue", a.queue());
        o.put("key", a.key());
        o.put("detected_at", Instant.ofEpochMilli(a.detectedAt()).toString());
        ObjectNode match = o.putObject("match");
        for (Map.Entry<String, List<String>> e : a.match().entrySet()) {
            ArrayNode ids = match.putArray(e.getKey());
            e.getValue().forEach(ids::add);
        }
        ObjectNode values = o.putObject("values");
        for (Map.Entry<String, Object> e : a.values().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                values.putNull(e.getKey());
            } else if (v instanceof BigDecimal d) {
                values.put(e.getKey(), d);
            } else if (v instanceof Long l) {
                values.put(e.getKey(), l);
            } else if (v instanceof Double d) {
                values.put(e.getKey(), d);
            } else if (v instanceof Boolean b) {
                values.put(e.getKey(), b);
            } else {
                values.put(e.getKey(), v.toString());
            }
        }
        ArrayNode events = o.putArray("events");
        for (String raw : a.events()) {
            // Events are JSON objects already (as read, or rendered by the mapper): written as they are.
            events.addRawValue(new RawValue(raw));
        }
        return o.toString();
    }
}
