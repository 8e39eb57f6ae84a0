package dev.vigil.engine.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes one JSON record against the declared event schemas. The type is recognised by its
 * discriminator ({@code from "..." where type = "txn"}); a record that is not JSON, matches no
 * declared type, misses a required field or has a field of the wrong type is refused with a
 * reason, never guessed at. Records are read with Jackson's streaming parser straight into the
 * event's slots (no tree): numbers keep their exact text until the field's type is known, so a
 * decimal never passes through a double.
 */
public final class EventDecoder {
    private static final JsonFactory JSON = new JsonFactory();

    private final List<EventSchema> byDiscriminator = new ArrayList<>();
    private final EventSchema only;
    // The record's top-level members, reused from record to record (one decoder per thread).
    private String[] names = new String[32];
    private JsonToken[] kinds = new JsonToken[32];
    private String[] texts = new String[32];
    private int members;
    private JsonParser parser;
    /** Bytes fed to {@link #parser} so far (its token locations count from its first record). */
    private long fed;
    private final Map<EventSchema, EventBuilder> builders = new HashMap<>(); // one reused per type
    /** Recently read string values by field name: each field's values repeat in their own way. */
    private final Map<String, RecentStrings> strings = new HashMap<>();
    private static final int MAX_FIELDS = 64;
    private final RecentStrings otherStrings = new RecentStrings();
    private final PlainDecimalReader plain = new PlainDecimalReader();

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

    /**
     * @param source where the record comes from; with {@code line} it makes the id of an event
     *               whose schema declares no id field ("file:line")
     */
    public Result decode(String record, long sequence, String source, long line) {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length, sequence, source, line);
    }

    /**
     * The record in {@code bytes[offset, offset + length)}, UTF-8 as read: parsed from the bytes,
     * and a copy of them kept for alerts (the bytes given may be reused once this returns).
     */
    public Result decode(byte[] bytes, int offset, int length, long sequence, String source, long line) {
        String problem = read(bytes, offset, length);
        if (problem != null) {
            return new Refused(problem);
        }
        EventSchema schema = typeOf();
        if (schema == null) {
            return new Refused(describeUnknownType());
        }
        EventBuilder b = builders.computeIfAbsent(schema, EventBuilder::new).reset();
        for (FieldSlot f : schema.fields()) {
            int m = member(f.name());
            if (m < 0 || kinds[m] == JsonToken.VALUE_NULL) {
                if (f.required()) {
                    return new Refused("missing field `" + f.name() + "` of " + schema.name());
                }
                continue;
            }
            problem = set(b, f, m);
            if (problem != null) {
                return new Refused("field `" + f.name() + "` of " + schema.name() + ": " + problem);
            }
        }
        Optional<FieldSlot> idField = schema.idField();
        String id = idField.isPresent() ? texts[member(idField.get().name())] : source + ":" + line;
        return new Decoded(b.build(id, sequence, Arrays.copyOfRange(bytes, offset, offset + length)));
    }

    /** Reads the record's top-level members; returns why it is not a JSON object, or null. */
    private String read(byte[] bytes, int offset, int length) {
        members = 0;
        boolean clean = false;
        try {
            JsonParser p = parser();
            long start = fed;
            ByteArrayFeeder feeder = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
            feeder.feedInput(bytes, offset, offset + length);
            fed += length;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if (members == names.length) {
                    grow();
                }
                names[members] = name;
                kinds[members] = t;
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (!skipNested(p)) {
                        return "not JSON: the object is not closed";
                    }
                    texts[members] = t == JsonToken.START_OBJECT ? "{...}" : "[...]";
                } else if (t == JsonToken.VALUE_STRING) {
                    texts[members] = recentStrings(name).of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                } else {
                    texts[members] = p.getText();
                }
                members++;
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return "not JSON: the object is not closed";
            }
            // Anything after the object is ignored, as it always was; only a parser with nothing
            // but blanks left of its input takes the next record, once it has read past them (left
            // unread, they would refuse the next record's input). Most records end at the brace:
            // the parser has read all it was fed, and no location object is made to check.
            clean = feeder.needMoreInput()
                    || blankAfter(bytes, offset + (int) (p.currentTokenLocation().getByteOffset() - start) + 1,
                    offset + length) && p.nextToken() == JsonToken.NOT_AVAILABLE;
            return null;
        } catch (JsonProcessingException e) {
            return "not JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        } finally {
            if (!clean) {
                parser = null;
            }
        }
    }

    /** The field's recent values; fields beyond the first 64 names (records with ever-new names) share one table. */
    private RecentStrings recentStrings(String field) {
        RecentStrings recent = strings.get(field);
        if (recent != null) {
            return recent;
        }
        if (strings.size() >= MAX_FIELDS) {
            return otherStrings;
        }
        recent = new RecentStrings();
        strings.put(field, recent);
        return recent;
    }

    private static boolean blankAfter(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * Skips a nested object or array; false when the record ends inside it (a non-blocking
     * parser then says "not available", which {@code skipChildren} would wait on for ever).
     */
    private static boolean skipNested(JsonParser p) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.NOT_AVAILABLE) {
                return false;
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
        }
        return true;
    }

    /**
     * The parser for the next record. One non-blocking parser takes record after record (each fed
     * in whole, no end of input), so that a record does not cost a new parser, its context and
     * buffers: that was a third of everything the replay allocated. After a record it could not
     * read to its end, a new parser starts clean.
     */
    private JsonParser parser() throws IOException {
        if (parser == null) {
            parser = JSON.createNonBlockingByteArrayParser();
            fed = 0;
        }
        return parser;
    }

    private void grow() {
        names = Arrays.copyOf(names, names.length * 2);
        kinds = Arrays.copyOf(kinds, kinds.length * 2);
        texts = Arrays.copyOf(texts, texts.length * 2);
    }

    private int member(String name) {
        for (int i = 0; i < members; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private EventSchema typeOf() {
        for (EventSchema s : byDiscriminator) {
            int m = member(s.discriminatorField().get());
            if (m >= 0 && kinds[m] == JsonToken.VALUE_STRING && texts[m].equals(s.discriminatorValue().get())) {
                return s;
            }
        }
        return only;
    }

    private String describeUnknownType() {
        List<String> seen = new ArrayList<>();
        for (EventSchema s : byDiscriminator) {
            String field = s.discriminatorField().get();
            int m = member(field);
            String shown = field + " = " + (m < 0 ? "(missing)" : shown(m));
            if (!seen.contains(shown)) {
                seen.add(shown);
            }
        }
        return "no declared event type matches this record" + (seen.isEmpty() ? "" : " (" + String.join(", ", seen) + ")");
    }

    /** A member's value as it was written, for messages. */
    private String shown(int m) {
        return kinds[m] == JsonToken.VALUE_STRING ? "\"" + texts[m] + "\"" : texts[m];
    }

    private String set(EventBuilder b, FieldSlot f, int m) {
        JsonToken kind = kinds[m];
        String text = texts[m];
        try {
            switch (f.type()) {
                case STRING:
                    if (kind != JsonToken.VALUE_STRING) {
                        return "expected a string, got " + shown(m);
                    }
                    b.setString(f, text);
                    return null;
                case INT:
                case LONG: {
                    if (kind != JsonToken.VALUE_NUMBER_INT) {
                        return "expected a whole number, got " + shown(m);
                    }
                    long v = Long.parseLong(text);
                    if (f.type() == ValueType.INT && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                        return "expected an int, got " + text;
                    }
                    b.setLong(f, v);
                    return null;
                }
                case DECIMAL:
                    if (kind != JsonToken.VALUE_NUMBER_INT && kind != JsonToken.VALUE_NUMBER_FLOAT && kind != JsonToken.VALUE_STRING) {
                        return "expected a decimal, got " + shown(m);
                    }
                    b.setDecimal(f, plain.read(text) ? plain.decimal() : new BigDecimal(text));
                    return null;
                case DOUBLE:
                    if (kind != JsonToken.VALUE_NUMBER_INT && kind != JsonToken.VALUE_NUMBER_FLOAT) {
                        return "expected a number, got " + shown(m);
                    }
                    b.setDouble(f, plain.read(text) && plain.fitsDouble() ? plain.toDouble() : Double.parseDouble(text));
                    return null;
                case BOOLEAN:
                    if (kind != JsonToken.VALUE_TRUE && kind != JsonToken.VALUE_FALSE) {
                        return "expected true or false, got " + shown(m);
                    }
                    b.setBoolean(f, kind == JsonToken.VALUE_TRUE);
                    return null;
                default: {
                    if (kind == JsonToken.VALUE_NUMBER_INT) {
                        b.setLong(f, Long.parseLong(text));
                        return null;
                    }
                    long t = kind == JsonToken.VALUE_STRING ? utc(text) : NOT_UTC; // the common form, not boxed
                    if (t == NOT_UTC) {
                        Long other = kind == JsonToken.VALUE_STRING ? formatted(text) : null;
                        if (other == null) {
                            return "expected an ISO-8601 timestamp or epoch milliseconds, got " + shown(m);
                        }
                        t = other;
                    }
                    b.setLong(f, t);
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return "expected " + f.type().withArticle() + ", got " + shown(m);
        }
    }

    /** Epoch milliseconds of an ISO-8601 time; the common UTC form is read without a formatter. */
    static Long timestamp(String s) {
        long fast = utc(s);
        return fast != NOT_UTC ? Long.valueOf(fast) : formatted(s);
    }

    /** Epoch milliseconds of an ISO-8601 time in any form the JDK's formatters read, or null. */
    private static Long formatted(String s) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** What {@link #utc} gives for any other form (no four-digit year comes near it). */
    private static final long NOT_UTC = Long.MIN_VALUE;

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, or {@link #NOT_UTC} for any other form (no boxing on the common path). */
    private static long utc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return NOT_UTC;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_UTC;
        }
        int millis = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return NOT_UTC;
            }
            for (int i = 20; i < n - 1; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return NOT_UTC;
                }
                if (i < 23) {
                    millis = millis * 10 + (c - '0');
                }
            }
            for (int i = Math.min(n - 1, 23); i < 23; i++) {
                millis *= 10;
            }
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
        } catch (DateTimeException e) {
            return NOT_UTC;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
