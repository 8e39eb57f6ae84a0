package dev.vigil.alerts;

import java.util.List;
import java.util.Map;

/**
 * An alert as a reviewer sees it: which rule (and version) fired for which key and when, the
 * matched events' ids per pattern variable in time order, the rule's named values, and the
 * matched events as they were read (JSON objects, in match order).
 */
public record Alert(String alertId, String rule, long ruleVersion, String severity, String queue, String key,
                    long detectedAt, Map<String, List<String>> match, Map<String, Object> values,
                    List<String> events) {
    public Alert {
        match = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(match));
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        events = List.copyOf(events);
    }
}
