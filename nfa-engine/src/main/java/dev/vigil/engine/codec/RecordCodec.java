package dev.vigil.engine.codec;

import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.HeldRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * An event's record as read, written to state in fewer bytes and read back byte for byte. A
 * partial match keeps the records of the events it took, for its alert; most of a record is its
 * member names and punctuation, the same in every record of its type. A record in compact JSON (an
 * object, no white space between tokens) is written member by member: a name the schema declares
 * by its number, a value equal to what the event already holds (its id, its time as
 * {@link Instant#toString} writes it, the type's discriminator) by a code, other values as their
 * text. Any other record (white space, not an object) is written as it was read. A record read
 * back stays in its compact form ({@link CompactRecord}) until its bytes are asked for, and is
 * written again as it is; its bytes are the same put back together: nothing is re-rendered, so
 * strings keep their escapes and numbers their digits.
 */
public final class RecordCodec {
    // The first varint of a record: none, the bytes as read, or compact members.
    private static final int NONE = 0;
    private static final int AS_READ = 1;
    private static final int COMPACT = 2;
    // A value's varint: a code below FIRST_TEXT, else a string's content (even) or other JSON text (odd) of n bytes.
    private static final int TIME = 0;
    private static final int ID = 1;
    private static final int DISCRIMINATOR = 2;
    private static final int TRUE = 3;
    private static final int FALSE = 4;
    private static final int NULL = 5;
    private static final int FIRST_TEXT = 6;
    private static final byte[] TRUE_TEXT = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE_TEXT = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_TEXT = "null".getBytes(StandardCharsets.US_ASCII);

    /** Where a record's members lie, found again for each record written: reused per thread (one set of arrays a record was a twentieth of what a replay on RocksDB allocated). */
    private static final ThreadLocal<Members> MEMBERS = ThreadLocal.withInitial(Members::new);

    /** By schema, in the order of the compiled schemas (as {@link EventCodec} numbers them). */
    private final Names[] bySchema;

    RecordCodec(List<EventSchema> schemas) {
        this.bySchema = schemas.stream().map(Names::new).toArray(Names[]::new);
    }

    /** Writes {@code raw} (or null), the record of an event of schema number {@code schema} with {@code id} and {@code time}. */
    void write(StateWriter w, byte[] raw, int schema, String id, long time) {
        if (raw == null) {
            w.writeVarInt(NONE);
            return;
        }
        Members members = Members.of(raw, MEMBERS.get());
        if (members == null) {
            w.writeVarInt(AS_READ);
            w.writeUtf8(raw);
            return;
        }
        Names names = bySchema[schema];
        byte[] idText = id == null ? null : id.getBytes(StandardCharsets.UTF_8);
        byte[] timeText = null;
        w.writeVarInt(COMPACT);
        int start = w.position(); // the members, after their length: a record read back holds them as they are
        w.writeVarInt(members.count);
        int n = -1;
        for (int m = 0; m < members.count; m++) {
            n = names.find(raw, members.nameStart[m], members.nameEnd[m], n + 1);
            w.writeVarInt(n + 1);
            if (n < 0) {
                w.writeUtf8(Arrays.copyOfRange(raw, members.nameStart[m], members.nameEnd[m]));
            }
            int from = members.valueStart[m];
            int to = members.valueEnd[m];
            if (raw[from] == '"') {
                from++;
                to--;
                if (timeText == null && to - from >= 20) {
                    timeText = timeText(time);
                }
                if (timeText != null && Arrays.equals(raw, from, to, timeText, 0, timeText.length)) {
                    w.writeVarInt(TIME);
                } else if (idText != null && Arrays.equals(raw, from, to, idText, 0, idText.length)) {
                    w.writeVarInt(ID);
                } else if (names.discriminator != null
                        && Arrays.equals(raw, from, to, names.discriminator, 0, names.discriminator.length)) {
                    w.writeVarInt(DISCRIMINATOR);
                } else {
                    writeText(w, FIRST_TEXT + 2 * (to - from), raw, from, to);
                }
            } else if (Arrays.equals(raw, from, to, TRUE_TEXT, 0, TRUE_TEXT.length)) {
                w.writeVarInt(TRUE);
            } else if (Arrays.equals(raw, from, to, FALSE_TEXT, 0, FALSE_TEXT.length)) {
                w.writeVarInt(FALSE);
            } else if (Arrays.equals(raw, from, to, NULL_TEXT, 0, NULL_TEXT.length)) {
                w.writeVarInt(NULL);
            } else {
                writeText(w, FIRST_TEXT + 2 * (to - from) + 1, raw, from, to);
            }
        }
        w.sizeFrom(start);
    }

    /** Writes a record read back in its compact form, as it is. */
    void write(StateWriter w, CompactRecord held) {
        w.writeVarInt(COMPACT);
        w.writeUtf8(held.members);
    }

    /** Whether {@code held} was read by this codec for events of schema number {@code schema} (and can be written as it is). */
    boolean canWriteAsIs(CompactRecord held, int schema) {
        return held.names == bySchema[schema];
    }

    /**
     * The time as {@link Instant#toString} writes it (ISO-8601 in UTC, milliseconds when not
     * zero), made without its formatter for the years 1000 to 9999: it is asked at every record
     * written and read.
     */
    static byte[] timeText(long millis) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(millis, 86_400_000L));
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return Instant.ofEpochMilli(millis).toString().getBytes(StandardCharsets.US_ASCII);
        }
        int ofDay = (int) Math.floorMod(millis, 86_400_000L);
        int fraction = ofDay % 1000;
        int seconds = ofDay / 1000;
        byte[] b = new byte[fraction == 0 ? 20 : 24];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, date.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, date.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, seconds / 3600, 2);
        b[13] = ':';
        digits(b, 14, seconds / 60 % 60, 2);
        b[16] = ':';
        digits(b, 17, seconds % 60, 2);
        if (fraction != 0) {
            b[19] = '.';
            digits(b, 20, fraction, 3);
        }
        b[b.length - 1] = 'Z';
        return b;
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static void writeText(StateWriter w, int header, byte[] raw, int from, int to) {
        w.writeVarInt(header);
        w.writeBytes(raw, from, to - from);
    }

    /** The record {@link #write} wrote: its bytes, a {@link CompactRecord}, or null. */
    Object read(StateReader r, int schema) {
        int form = r.readVarInt();
        if (form == NONE) {
            return null;
        }
        if (form == AS_READ) {
            return r.readUtf8();
        }
        if (form != COMPACT) {
            throw new IllegalStateException("a record written in form " + form + ", which this Vigil cannot read");
        }
        return new CompactRecord(r.readUtf8(), bySchema[schema]);
    }

    /** A record as read, held as its compact members until its bytes are asked for. */
    static final class CompactRecord implements HeldRecord {
        private final byte[] members;
        private final Names names;

        private CompactRecord(byte[] members, Names names) {
            this.members = members;
            this.names = names;
        }

        @Override
        public byte[] bytes(Event of) {
            return assemble(new StateReader(members), names, of.id(), of.time());
        }
    }

    /** The record's bytes, put back together from its members. */
    private static byte[] assemble(StateReader r, Names names, String id, long time) {
        Assembly out = new Assembly();
        out.add('{');
        int count = r.readVarInt();
        for (int m = 0; m < count; m++) {
            if (m > 0) {
                out.add(',');
            }
            out.add('"');
            int n = r.readVarInt() - 1;
            out.add(n < 0 ? r.readUtf8() : names.names[n]);
            out.add('"');
            out.add(':');
            int value = r.readVarInt();
            switch (value) {
                case TIME -> out.quoted(timeText(time));
                case ID -> out.quoted(id.getBytes(StandardCharsets.UTF_8));
                case DISCRIMINATOR -> out.quoted(names.discriminator);
                case TRUE -> out.add(TRUE_TEXT);
                case FALSE -> out.add(FALSE_TEXT);
                case NULL -> out.add(NULL_TEXT);
                default -> {
                    int length = (value - FIRST_TEXT) >>> 1;
                    boolean string = ((value - FIRST_TEXT) & 1) == 0;
                    if (string) {
                        out.add('"');
                    }
                    byte[] to = out.room(length);
                    r.readBytes(to, out.size - length, length);
                    if (string) {
                        out.add('"');
                    }
                }
            }
        }
        out.add('}');
        return Arrays.copyOf(out.bytes, out.size);
    }

    /**
     * Where the members of a record in compact JSON lie: name without its quotes, value as written
     * (a string with its quotes). Null for anything else: white space between tokens, a record that
     * is not an object, text after it. A scan of the bytes rather than a JSON parser: what is needed
     * is where each member's text lies and that nothing lies between them, not the values (the
     * record was parsed once already, and a value that is not valid JSON is still kept as read).
     */
    private static final class Members {
        int count;
        int[] nameStart = new int[16];
        int[] nameEnd = new int[16];
        int[] valueStart = new int[16];
        int[] valueEnd = new int[16];

        /** The members of {@code raw}, found into {@code ms} (emptied first), or null. */
        static Members of(byte[] raw, Members ms) {
            int n = raw.length;
            if (n < 2 || raw[0] != '{') {
                return null;
            }
            ms.count = 0;
            int p = 1;
            if (raw[p] == '}') {
                return p + 1 == n ? ms : null;
            }
            while (true) {
                if (p >= n || raw[p] != '"') {
                    return null;
                }
                int nameEnd = stringEnd(raw, p);
                if (nameEnd < 0 || nameEnd >= n || raw[nameEnd] != ':') {
                    return null;
                }
                int valueStart = nameEnd + 1;
                int valueEnd = valueEnd(raw, valueStart);
                if (valueEnd < 0 || valueEnd >= n) {
                    return null;
                }
                ms.add(p + 1, nameEnd - 1, valueStart, valueEnd);
                if (raw[valueEnd] == '}') {
                    return valueEnd + 1 == n ? ms : null;
                }
                if (raw[valueEnd] != ',') {
                    return null;
                }
                p = valueEnd + 1;
            }
        }

        private void add(int nameFrom, int nameTo, int valueFrom, int valueTo) {
            if (count == nameStart.length) {
                nameStart = Arrays.copyOf(nameStart, count * 2);
                nameEnd = Arrays.copyOf(nameEnd, count * 2);
                valueStart = Arrays.copyOf(valueStart, count * 2);
                valueEnd = Arrays.copyOf(valueEnd, count * 2);
            }
            nameStart[count] = nameFrom;
            nameEnd[count] = nameTo;
            valueStart[count] = valueFrom;
            valueEnd[count] = valueTo;
            count++;
        }

        /** One past the closing quote of the string opening at {@code p}, or -1. */
        private static int stringEnd(byte[] raw, int p) {
            for (int i = p + 1; i < raw.length; i++) {
                if (raw[i] == '\\') {
                    i++;
                } else if (raw[i] == '"') {
                    return i + 1;
                }
            }
            return -1;
        }

        /**
         * One past the value starting at {@code p}: a string, or a run of other characters up to
         * the comma or brace closing the member (a nested object or array with its brackets
         * matched); -1 where the value is empty or holds white space.
         */
        private static int valueEnd(byte[] raw, int p) {
            if (p >= raw.length) {
                return -1;
            }
            if (raw[p] == '"') {
                return stringEnd(raw, p);
            }
            int depth = 0;
            int i = p;
            while (i < raw.length) {
                byte b = raw[i];
                if (b == '"') {
                    if (depth == 0) {
                        return -1;
                    }
                    i = stringEnd(raw, i);
                    if (i < 0) {
                        return -1;
                    }
                    continue;
                }
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                    return -1;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (b == ',' && depth == 0) {
                    break;
                }
                i++;
            }
            return i == p || depth != 0 ? -1 : i;
        }
    }

    /** A schema's member names (its discriminator's, then its fields'), numbered for the compact form. */
    private static final class Names {
        final byte[][] names;
        final byte[] discriminator;

        Names(EventSchema schema) {
            int offset = schema.discriminatorField().isPresent() ? 1 : 0;
            names = new byte[schema.fields().size() + offset][];
            schema.discriminatorField().ifPresent(f -> names[0] = f.getBytes(StandardCharsets.UTF_8));
            for (FieldSlot f : schema.fields()) {
                names[offset++] = f.name().getBytes(StandardCharsets.UTF_8);
            }
            discriminator = schema.discriminatorValue().map(v -> v.getBytes(StandardCharsets.UTF_8)).orElse(null);
        }

        /** The number of the name in {@code raw[from, to)}, or -1; tried first at {@code likely} (members come in order). */
        int find(byte[] raw, int from, int to, int likely) {
            for (int k = 0; k < names.length; k++) {
                int i = (likely + k) % names.length;
                if (Arrays.equals(raw, from, to, names[i], 0, names[i].length)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** The record being put back together. */
    private static final class Assembly {
        byte[] bytes = new byte[256];
        int size;

        void add(int b) {
            room(1)[size - 1] = (byte) b;
        }

        void add(byte[] b) {
            System.arraycopy(b, 0, room(b.length), size - b.length, b.length);
        }

        void quoted(byte[] b) {
            add('"');
            add(b);
            add('"');
        }

        /** Makes room for {@code n} more bytes at the end and counts them in; the array to write them to. */
        byte[] room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            size += n;
            return bytes;
        }
    }
}
