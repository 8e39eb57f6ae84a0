package dev.vigil.engine.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one JSON record against the declared event schemas. The type is recognised by its
 * discriminator ({@code from "..." where type = "txn"}); a record that is not JSON, matches no
 * declared type, misses a required field or has a field of the wrong type is refused with a
 * reason, never guessed at.
 */
public final class EventDecoder {
    // Decimals must not pass through double: 0.1 stays 0.1 and 1.00 keeps its scale.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final List<EventSchema> byDiscriminator = new ArrayList<>();
    private final EventSchema only;

    public EventDecoder(List<EventSchema> schemas) {
        for (EventSchema s : schemas) {
            if (s.discriminatorField().isPresent()) {
                byDiscriminator.add(s);
            }
        }
        List<EventSchema> plain = schemas.stream().filter(s -> s.discriminatorField().isEmpty()).toList();
        this.only = plain.size() == 1 ? plain.get(0) : null;
    }

    /** The decoded event, or the reason it was refused. */
    public sealed interface Result permits Decoded, Refused {}

    public record Decoded(Event event) implements Result {}

    public record Refused(String reason) implements Result {}

    /** @param fallbackId the event id when its schema declares no id field (for example "file:line") */
    public Result decode(String line, long sequence, String fallbackId) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new Refused("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new Refused("not a JSON object");
        }
        EventSchema schema = typeOf(node);
        if (schema == null) {
            return new Refused(describeUnknownType(node));
        }
        EventBuilder b = new EventBuilder(schema);
        for (FieldSlot f : schema.fields()) {
            JsonNode v = node.get(f.name());
            if (v == null || v.isNull()) {
                if (f.required()) {
                    return new Refused("missing field `" + f.name() + "` of " + schema.name());
                }
                continue;
            }
            String problem = set(b, f, v);
            if (problem != null) {
                return new Refused("field `" + f.name() + "` of " + schema.name() + ": " + problem);
            }
        }
        String id = schema.idField().map(f -> text(node.get(f.name()))).orElse(fallbackId);
        return new Decoded(b.build(id, sequence, line));
    }

    private EventSchema typeOf(JsonNode node) {
        for (EventSchema s : byDiscriminator) {
            JsonNode d = node.get(s.discriminatorField().get());
            if (d != null && d.isTextual() && d.asText().equals(s.discriminatorValue().get())) {
                return s;
            }
        }
        return only;
    }

    private String describeUnknownType(JsonNode node) {
        List<String> seen = new ArrayList<>();
        for (EventSchema s : byDiscriminator) {
            String field = s.discriminatorField().get();
            JsonNode d = node.get(field);
            String shown = field + " = " + (d == null ? "(missing)" : d.toString());
            if (!seen.contains(shown)) {
                seen.add(shown);
            }
        }
        return "no declared event type matches this record" + (seen.isEmpty() ? "" : " (" + String.join(", ", seen) + ")");
    }

    private static String set(EventBuilder b, FieldSlot f, JsonNode v) {
        switch (f.type()) {
            case STRING:
                if (!v.isTextual()) {
                    return "expected a string, got " + v;
                }
                b.setString(f, v.asText());
                return null;
            case INT:
            case LONG:
                if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                    return "expected a whole number, got " + v;
                }
                if (f.type() == dev.vigil.dsl.schema.ValueType.INT && !v.canConvertToInt()) {
                    return "expected an int, got " + v;
                }
                b.setLong(f, v.asLong());
                return null;
            case DECIMAL:
                try {
                    if (v.isNumber()) {
                        b.setDecimal(f, v.decimalValue());
                    } else if (v.isTextual()) {
                        b.setDecimal(f, new BigDecimal(v.asText()));
                    } else {
                        return "expected a decimal, got " + v;
                    }
                    return null;
                } catch (NumberFormatException e) {
                    return "expected a decimal, got " + v;
                }
            case DOUBLE:
                if (!v.isNumber()) {
                    return "expected a number, got " + v;
                }
                b.setDouble(f, v.asDouble());
                return null;
            case BOOLEAN:
                if (!v.isBoolean()) {
                    return "expected true or false, got " + v;
                }
                b.setBoolean(f, v.asBoolean());
                return null;
            default:
                Long t = timestamp(v);
                if (t == null) {
                    return "expected an ISO-8601 timestamp or epoch milliseconds, got " + v;
                }
                b.setLong(f, t);
                return null;
        }
    }

    private static Long timestamp(JsonNode v) {
        if (v.getNodeType() == JsonNodeType.NUMBER && v.isIntegralNumber()) {
            return v.asLong();
        }
        if (!v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }
}
