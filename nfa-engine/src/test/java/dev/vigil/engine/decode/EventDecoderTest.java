package dev.vigil.engine.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
    private static final String SCHEMA = """
            event Txn {
              from "t" where type = "txn"
              id txn_id
              time ts
              txn_id: string
              ts: timestamp
              amount: decimal
              n: int = 0
              big: long = 0
              lat: double = 0.0
              ok: boolean = false
              note: string = ""
            }
            event Login {
              from "t" where type = "login"
              time ts
              ts: timestamp
              user: string
            }
            """;

    private final Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("e.vgl", SCHEMA)), List.of("e.vgl"));
    private final EventDecoder decoder = new EventDecoder(c.events());

    private Event ok(String json) {
        EventDecoder.Result r = decoder.decode(json, 7, "f.ndjson", 3);
        assertInstanceOf(EventDecoder.Decoded.class, r, () -> r.toString());
        return ((EventDecoder.Decoded) r).event();
    }

    private String refused(String json) {
        EventDecoder.Result r = decoder.decode(json, 7, "f.ndjson", 3);
        assertInstanceOf(EventDecoder.Refused.class, r, () -> r.toString());
        return ((EventDecoder.Refused) r).reason();
    }

    @Test
    void decodesEveryTypeExactly() {
        EventSchema txn = c.event("Txn").orElseThrow();
        Event e = ok("{\"type\":\"txn\",\"txn_id\":\"t1\",\"ts\":\"2026-01-01T10:00:00.5Z\",\"amount\":0.10,"
                + "\"n\":-3,\"big\":9007199254740993,\"lat\":1.5,\"ok\":true,\"extra\":{\"a\":[1,2]},\"note\":\"x\"}");
        assertEquals("t1", e.id());
        assertEquals(Instant.parse("2026-01-01T10:00:00.5Z").toEpochMilli(), e.time());
        assertEquals(new BigDecimal("0.10"), e.value(txn.field("amount").get()), "decimals keep digits and scale");
        assertEquals(-3L, e.value(txn.field("n").get()));
        assertEquals(9007199254740993L, e.value(txn.field("big").get()), "longs beyond a double's precision stay exact");
        assertEquals(1.5, e.value(txn.field("lat").get()));
        assertEquals(true, e.value(txn.field("ok").get()));
        assertEquals(7, e.sequence());
        Event defaults = ok("{\"type\":\"txn\",\"txn_id\":\"t2\",\"ts\":1767261600000,\"amount\":\"12.5\",\"note\":null}");
        assertEquals(1767261600000L, defaults.time(), "epoch milliseconds");
        assertEquals(new BigDecimal("12.5"), defaults.value(txn.field("amount").get()), "a decimal may come as a string");
        assertEquals("", defaults.value(txn.field("note").get()), "null takes the default");
        Event login = ok("{\"user\":\"u\",\"type\":\"login\",\"ts\":\"2026-01-01T10:00:00+02:00\"}");
        assertEquals("f.ndjson:3", login.id(), "no id field: source and line");
        assertEquals(Instant.parse("2026-01-01T08:00:00Z").toEpochMilli(), login.time());
    }

    /**
     * Each number decodes to what its text gives by {@code Long.parseLong}, {@code new BigDecimal}
     * and {@code Double.parseDouble} (or is refused where they refuse it), for short and long, plain
     * and exponent forms: the decoder's own reading of plain numbers must not show.
     */
    @Test
    void numbersDecodeAsTheirTextsSay() {
        EventSchema txn = c.event("Txn").orElseThrow();
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String whole = number(random, false);
            String decimal = number(random, true);
            String real = number(random, true);
            String record = "{\"type\":\"txn\",\"txn_id\":\"t\",\"ts\":" + whole.replace("-", "") + ",\"amount\":" + decimal
                    + ",\"big\":" + whole + ",\"lat\":" + real + "}";
            Long expectedLong;
            try {
                expectedLong = Long.parseLong(whole);
            } catch (NumberFormatException e) {
                expectedLong = null;
            }
            EventDecoder.Result r = decoder.decode(record, 1, "f", 1);
            if (expectedLong == null) {
                assertInstanceOf(EventDecoder.Refused.class, r, record);
                continue;
            }
            assertInstanceOf(EventDecoder.Decoded.class, r, () -> record + " " + r);
            Event e = ((EventDecoder.Decoded) r).event();
            assertEquals(Math.abs(expectedLong), e.time(), record);
            assertEquals(expectedLong, e.value(txn.field("big").get()), record);
            BigDecimal amount = (BigDecimal) e.value(txn.field("amount").get());
            assertEquals(new BigDecimal(decimal), amount, record);
            assertEquals(new BigDecimal(decimal).scale(), amount.scale(), record);
            // Compared as numbers: Jackson gives the whole number -0 as "0", so its sign is not kept.
            double lat = (Double) e.value(txn.field("lat").get());
            assertTrue(Double.parseDouble(real) == lat, () -> record + " gave " + lat);
        }
    }

    /** A JSON number: up to 21 digits, maybe negative, maybe with a fraction or an exponent. */
    private static String number(Random random, boolean fraction) {
        StringBuilder b = new StringBuilder(random.nextInt(4) == 0 ? "-" : "");
        int digits = 1 + random.nextInt(random.nextBoolean() ? 6 : 21);
        b.append((char) ('1' + random.nextInt(9)));
        for (int d = 1; d < digits; d++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(20) == 0) {
            return random.nextBoolean() ? "0" : "-0";
        }
        if (fraction && random.nextBoolean()) {
            b.append('.');
            for (int d = 1 + random.nextInt(8); d > 0; d--) {
                b.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (fraction && random.nextInt(6) == 0) {
            b.append(random.nextBoolean() ? "e" : "E-").append(random.nextInt(30));
        }
        return b.toString();
    }

    @Test
    void refusesWithAReason() {
        assertTrue(refused("not json").startsWith("not JSON"));
        assertEquals("not a JSON object", refused("[1,2]"));
        assertTrue(refused("{\"type\":\"txn\",\"txn_id\":\"t1\"").startsWith("not JSON"));
        assertEquals("no declared event type matches this record (type = \"refund\")", refused("{\"type\":\"refund\"}"));
        assertEquals("no declared event type matches this record (type = (missing))", refused("{\"kind\":\"txn\"}"));
        assertEquals("missing field `amount` of Txn", refused("{\"type\":\"txn\",\"txn_id\":\"t\",\"ts\":1}"));
        assertEquals("field `amount` of Txn: expected a decimal, got \"ten\"",
                refused("{\"type\":\"txn\",\"txn_id\":\"t\",\"ts\":1,\"amount\":\"ten\"}"));
        assertEquals("field `n` of Txn: expected a whole number, got 1.5",
                refused("{\"type\":\"txn\",\"txn_id\":\"t\",\"ts\":1,\"amount\":1,\"n\":1.5}"));
        assertEquals("field `n` of Txn: expected an int, got 3000000000",
                refused("{\"type\":\"txn\",\"txn_id\":\"t\",\"ts\":1,\"amount\":1,\"n\":3000000000}"));
        assertEquals("field `txn_id` of Txn: expected a string, got {...}",
                refused("{\"type\":\"txn\",\"txn_id\":{\"a\":1},\"ts\":1,\"amount\":1}"));
        assertEquals("field `ts` of Txn: expected an ISO-8601 timestamp or epoch milliseconds, got \"2026-02-30T00:00:00Z\"",
                refused("{\"type\":\"txn\",\"txn_id\":\"t\",\"ts\":\"2026-02-30T00:00:00Z\",\"amount\":1}"));
        assertEquals("field `ok` of Txn: expected true or false, got \"yes\"",
                refused("{\"type\":\"txn\",\"txn_id\":\"t\",\"ts\":1,\"amount\":1,\"ok\":\"yes\"}"));
    }

    /**
     * One decoder reads record after record (reusing its parser): each record must decode as it
     * does on a decoder of its own, whatever broken record came before it.
     */
    @Test
    void aRecordDecodesAsOnItsOwnWhateverCameBefore() {
        String good = "{\"type\":\"txn\",\"txn_id\":\"t1\",\"ts\":5,\"amount\":2.50,\"label\":{\"fraud\":[true]}}";
        String[] records = {good, "{\"type\":\"txn\",\"txn_id\":\"t1\"", "{\"type\":\"txn\",\"label\":{\"a\":[1,",
                "[1,2]", "not json", "", "   ", "{\"type\":\"txn\",\"txn_id\":\"t", "{\"type\":\"txn\",\"amount\":1",
                good + " trailing", good + " {\"type\":", "{}", "{\"type\":\"login\",\"ts\":9,\"user\":\"u\"}", "}{",
                "{\"type\":\"txn\",\"txn_id\":\"t2\",\"ts\":6,\"amount\":\"3\",\"note\":\"\\u00e9\\\"\"}"};
        Random r = new Random(9);
        EventDecoder shared = new EventDecoder(c.events());
        for (int i = 0; i < 2_000; i++) {
            String record = records[r.nextInt(records.length)];
            String alone = describe(new EventDecoder(c.events()).decode(record, i, "f", i));
            assertEquals(alone, describe(shared.decode(record, i, "f", i)), "record " + i + ": " + record);
        }
    }

    /** Input is UTF-8: bytes that are not are refused with the reason, not decoded into something else. */
    @Test
    void invalidUtf8IsRefused() {
        byte[] good = "{\"type\":\"login\",\"ts\":9,\"user\":\"u\"}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = good.clone();
        bad[bad.length - 3] = (byte) 0xC3; // starts a two-byte sequence that the closing quote does not continue
        EventDecoder.Result r = decoder.decode(bad, 0, bad.length, 1, "f", 1);
        assertInstanceOf(EventDecoder.Refused.class, r, () -> r.toString());
        assertTrue(((EventDecoder.Refused) r).reason().startsWith("not JSON"), () -> r.toString());
        assertInstanceOf(EventDecoder.Decoded.class, decoder.decode(good, 0, good.length, 2, "f", 2));
    }

    /**
     * Records handed over as bytes in the middle of a reused buffer (as the replay's line reader
     * hands them) decode as the same records given as text to a decoder of their own: the bytes
     * around a record, whatever they are, are not read, and the record is kept as written.
     */
    @Test
    void aRecordInsideABufferDecodesAsTheSameRecordAlone() {
        String good = "{\"type\":\"txn\",\"txn_id\":\"t\u00e9\",\"ts\":5,\"amount\":2.50,\"note\":\"\u20ac\"}";
        String[] records = {good, good + "  ", good + " junk", "{\"type\":\"txn\",\"txn_id\":\"t1\"", "not json", "{}",
                "{\"type\":\"login\",\"ts\":9,\"user\":\"\ud83d\ude00\"}"};
        String[] fillers = {"", "{", "}", "\"", " {\"type\":\"txn\"", "\n", "]]"};
        Random r = new Random(13);
        EventDecoder shared = new EventDecoder(c.events());
        for (int i = 0; i < 2_000; i++) {
            String record = records[r.nextInt(records.length)];
            byte[] before = fillers[r.nextInt(fillers.length)].getBytes(StandardCharsets.UTF_8);
            byte[] body = record.getBytes(StandardCharsets.UTF_8);
            byte[] after = fillers[r.nextInt(fillers.length)].getBytes(StandardCharsets.UTF_8);
            byte[] buffer = new byte[before.length + body.length + after.length];
            System.arraycopy(before, 0, buffer, 0, before.length);
            System.arraycopy(body, 0, buffer, before.length, body.length);
            System.arraycopy(after, 0, buffer, before.length + body.length, after.length);
            EventDecoder.Result alone = new EventDecoder(c.events()).decode(record, i, "f", i);
            EventDecoder.Result inside = shared.decode(buffer, before.length, body.length, i, "f", i);
            assertEquals(describe(alone), describe(inside), "record " + i + ": " + record);
            if (inside instanceof EventDecoder.Decoded d) {
                assertEquals(record, d.event().raw(), "kept as written");
            }
        }
    }

    /**
     * String values are exactly the ones written into the record (by Jackson's writer), and
     * a short value read again is the same instance, so kept events share it.
     */
    @Test
    void stringValuesAreExactAndRepeatedOnesShared() throws Exception {
        ObjectMapper json = new ObjectMapper();
        EventSchema txn = c.event("Txn").orElseThrow();
        Random r = new Random(11);
        String[] alphabet = {"a", "b", "c", "X", "Y", "Z", "0", "1", "9", " ", "-", "_", "\"", "\\", "\u00e9", "\u20ac",
                "\ud83d\ude00"};
        List<String> pool = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder v = new StringBuilder();
            int length = r.nextInt(4) == 0 ? 20 + r.nextInt(40) : r.nextInt(6);
            while (v.length() < length) {
                v.append(alphabet[r.nextInt(alphabet.length)]);
            }
            pool.add(v.toString());
        }
        for (int i = 0; i < 20_000; i++) {
            String note = pool.get(r.nextInt(pool.size()));
            ObjectNode record = json.createObjectNode().put("type", "txn").put("txn_id", "t" + i).put("ts", i)
                    .put("amount", 1).put("note", note);
            String text = json.writeValueAsString(record);
            Event e = ok(text);
            assertEquals(note, e.value(txn.field("note").get()), text);
            assertEquals("t" + i, e.id());
        }
        Object first = ok("{\"type\":\"txn\",\"txn_id\":\"a\",\"ts\":1,\"amount\":1,\"note\":\"US\"}").value(txn.field("note").get());
        Object again = ok("{\"type\":\"txn\",\"txn_id\":\"b\",\"ts\":2,\"amount\":1,\"note\":\"US\"}").value(txn.field("note").get());
        assertSame(first, again, "a value read again is the string made the first time");
    }

    private String describe(EventDecoder.Result r) {
        if (r instanceof EventDecoder.Refused refused) {
            return "refused: " + refused.reason();
        }
        Event e = ((EventDecoder.Decoded) r).event();
        StringBuilder b = new StringBuilder(e.schema().name() + " " + e.id() + " " + e.time());
        e.schema().fields().forEach(f -> b.append(' ').append(e.value(f)));
        return b.toString();
    }

    @Test
    void theFastTimestampPathAgreesWithInstantParse() {
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            long millis = r.nextLong() % 4_000_000_000_000L;
            int nanos = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(Math.floorDiv(millis, 1000), nanos);
            String text = t.toString();
            assertEquals(Instant.parse(text).toEpochMilli(), EventDecoder.timestamp(text), text);
        }
        for (String bad : new String[] {"2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00.Z",
                "2026-01-01 00:00:00Z", "yesterday", "2026-01-01T00:00:00"}) {
            boolean javaTimeAccepts;
            try {
                Instant.parse(bad);
                javaTimeAccepts = true;
            } catch (DateTimeParseException e) {
                javaTimeAccepts = false;
            }
            if (!javaTimeAccepts) {
                assertNull(EventDecoder.timestamp(bad), bad);
            }
        }
    }
}
