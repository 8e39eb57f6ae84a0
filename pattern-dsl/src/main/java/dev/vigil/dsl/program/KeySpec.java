package dev.vigil.dsl.program;

import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import java.util.List;
import java.util.Map;

/**
 * The partition key of a rule: the named fields, resolved per event type the rule reads. A
 * composite key joins its parts with {@code |}.
 */
public record KeySpec(List<String> fields, Map<EventSchema, List<FieldSlot>> slots) {
    public KeySpec {
        fields = List.copyOf(fields);
        slots = Map.copyOf(slots);
    }

    public boolean reads(EventSchema type) {
        return slots.containsKey(type);
    }

    public String keyOf(Event event) {
        List<FieldSlot> parts = slots.get(event.schema());
        if (parts.size() == 1) {
            return String.valueOf(event.value(parts.get(0)));
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                key.append('|');
            }
            key.append(event.value(parts.get(i)));
        }
        return key.toString();
    }
}
