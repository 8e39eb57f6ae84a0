package dev.vigil.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.HeldRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A record written in its compact form reads back byte for byte, whatever it holds. */
class RecordCodecTest {
    private static final String EVENTS = """
            event Txn {
              from "transactions" where type = "txn"
              id txn_id
              time ts
              txn_id: string
              ts: timestamp
              card_id: string
              amount: decimal
              lat: double = 0.0
              approved: boolean = true
            }
            event Login {
              from "sessions" where type = "login"
              time at
              at: timestamp
              user: string
            }
            """;
    private static final Compilation C = VigilCompiler.compile(SourceLoader.of(Map.of("e.vgl", EVENTS)), List.of("e.vgl"));
    private static final List<EventSchema> SCHEMAS = C.events();
    private static final long TIME = Instant.parse("2026-03-01T10:15:30.250Z").toEpochMilli();

    @Test
    void randomRecordsReadBackAsTheyWereWritten() {
        assertTrue(C.ok() && SCHEMAS.size() == 2, () -> C.diagnostics().toString());
        RecordCodec codec = new RecordCodec(SCHEMAS);
        Random random = new Random(11);
        int compactSeen = 0;
        for (int i = 0; i < 20_000; i++) {
            int schema = random.nextInt(SCHEMAS.size());
            String id = random.nextInt(4) == 0 ? null : "t" + random.nextInt(1000);
            long time = random.nextInt(3) == 0 ? TIME : TIME + random.nextInt(100_000) - 50_000;
            List<byte[]> records = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                records.add(random.nextInt(20) == 0 ? null : record(random, id, time).getBytes(StandardCharsets.UTF_8));
            }
            StateWriter w = new StateWriter();
            for (byte[] raw : records) {
                codec.write(w, raw, schema, id, time);
            }
            w.writeVarInt(12345); // what follows in the state is read from where the records end
            StateReader r = new StateReader(w.toBytes());
            for (byte[] raw : records) {
                Object read = codec.read(r, schema);
                byte[] back = bytes(read, schema, id, time);
                if (read instanceof RecordCodec.CompactRecord held) {
                    // Read back, a record is written again as it is held: the same bytes come out.
                    StateWriter again = new StateWriter();
                    codec.write(again, held);
                    assertArrayEquals(back, bytes(codec.read(new StateReader(again.toBytes()), schema), schema, id, time));
                }
                String shown = raw == null ? "null" : new String(raw, StandardCharsets.UTF_8);
                if (raw == null) {
                    assertNull(back, shown);
                } else {
                    assertArrayEquals(raw, back, shown);
                    compactSeen += raw[0] == '{' && !shown.contains(" ") ? 1 : 0;
                }
            }
            assertTrue(r.readVarInt() == 12345, "the records' bytes end where they were written to end");
        }
        assertTrue(compactSeen > 10_000, "most generated records are compact JSON: " + compactSeen);
    }

    @Test
    void textThatIsNotACompactObjectReadsBackAsItWas() {
        RecordCodec codec = new RecordCodec(SCHEMAS);
        for (String raw : List.of("", "{", "}", "{}", "[1,2]", "not json", "{\"a\":1} ", " {\"a\":1}", "{\"a\":1}x",
                "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\": 1}", "{\"a\":{\"b\":[1, 2]}}", "{\"a\":\"unterminated}",
                "{\"a\":{\"b\":1}", "{\"a\":\"x\"\"y\"}", "{\"a\":1\n}", "{\"\":\"\"}", "{\"a\":tru}", "{\"a\":truex}")) {
            byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
            StateWriter w = new StateWriter();
            codec.write(w, bytes, 0, "t1", TIME);
            assertArrayEquals(bytes, bytes(codec.read(new StateReader(w.toBytes()), 0), 0, "t1", TIME), raw);
        }
    }

    @Test
    void aRecordOfTheSchemaTakesAFractionOfItsBytes() {
        RecordCodec codec = new RecordCodec(SCHEMAS);
        String raw = "{\"type\":\"txn\",\"txn_id\":\"t593416\",\"ts\":\"2026-03-01T10:15:30.250Z\",\"card_id\":\"c228821\","
                + "\"amount\":9.43,\"lat\":32.7665,\"approved\":true,\"label\":{\"fraud\":false}}";
        StateWriter w = new StateWriter();
        codec.write(w, raw.getBytes(StandardCharsets.UTF_8), SCHEMAS.indexOf(C.event("Txn").orElseThrow()), "t593416", TIME);
        int compact = w.toBytes().length;
        assertTrue(compact * 2 < raw.length(), compact + " bytes for a record of " + raw.length());
    }

    @Test
    void timesAreWrittenAsInstantWritesThem() {
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            long millis = switch (i % 4) {
                case 0 -> random.nextLong() % 400_000_000_000_000L; // any year Instant can hold
                case 1 -> (random.nextLong() % 4_000_000_000_000L) / 1000 * 1000; // whole seconds, 1843 to 2096
                default -> random.nextLong() % 4_000_000_000_000L;
            };
            assertEquals(Instant.ofEpochMilli(millis).toString(),
                    new String(RecordCodec.timeText(millis), StandardCharsets.US_ASCII), "at " + millis);
        }
    }

    /** The bytes of what {@link RecordCodec#read} gave, for an event of schema number {@code schema} with {@code id} and {@code time}. */
    private static byte[] bytes(Object read, int schema, String id, long time) {
        if (read instanceof HeldRecord held) {
            EventSchema s = SCHEMAS.get(schema);
            return held.bytes(new Event(s, id, time, 0, new long[s.primitiveCount()], new Object[s.referenceCount()], (byte[]) null));
        }
        return (byte[]) read;
    }

    /** A record as a producer might write it: schema members and others, in any order, any values. */
    private static String record(Random random, String id, long time) {
        String[] names = {"type", "txn_id", "ts", "card_id", "amount", "lat", "approved", "at", "user", "label", "x\\\"y", ""};
        StringBuilder b = new StringBuilder("{");
        int members = random.nextInt(8);
        boolean spaced = random.nextInt(10) == 0;
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                b.append(spaced && random.nextBoolean() ? ", " : ",");
            }
            b.append('"').append(names[random.nextInt(names.length)]).append('"').append(spaced ? ": " : ":");
            b.append(value(random, id, time, 0));
        }
        return b.append('}').toString();
    }

    private static String value(Random random, String id, long time, int depth) {
        return switch (random.nextInt(depth < 2 ? 12 : 10)) {
            case 0 -> "\"" + Instant.ofEpochMilli(time) + "\"";
            case 1 -> "\"" + Instant.ofEpochMilli(time - time % 1000) + "\""; // seconds: another text
            case 2 -> id == null ? "\"\"" : "\"" + id + "\"";
            case 3 -> "\"txn\"";
            case 4 -> random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null";
            case 5 -> Long.toString(random.nextLong() % 100_000);
            case 6 -> random.nextInt(1000) + "." + random.nextInt(100);
            case 7 -> "-1.5e" + random.nextInt(20);
            case 8 -> "\"" + text(random) + "\"";
            case 9 -> "\"caf\u00e9 \\u00e9 \\\" \\\\ , } ]\"";
            case 10 -> "{\"fraud\":" + value(random, id, time, depth + 1) + ",\"b\":" + value(random, id, time, depth + 1) + "}";
            default -> "[" + value(random, id, time, depth + 1) + "," + value(random, id, time, depth + 1) + "]";
        };
    }

    private static String text(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(70); i > 0; i--) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }
}
