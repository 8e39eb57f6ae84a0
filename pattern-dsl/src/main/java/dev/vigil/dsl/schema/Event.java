package dev.vigil.dsl.schema;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * One decoded event. Values sit in two arrays addressed by {@link FieldSlot#index()}: primitives
 * (integers, timestamps as epoch milliseconds, booleans as 0/1, doubles as raw bits) in
 * {@code prims}, strings and decimals in {@code refs}, so reading a field is an array load with no
 * boxing and no name look-up. {@code sequence} is the arrival position, which breaks event-time ties;
 * {@code raw} is the record as it was read (for alerts and the late output), or null: kept as its
 * UTF-8 bytes, the form it is read in, one array and no string object per kept event; or, for an
 * event read back from state, in the form state keeps it in ({@link HeldRecord}).
 */
public final class Event {
    private final EventSchema schema;
    private final String id;
    private final long time;
    private final long sequence;
    private final long[] prims;
    private final Object[] refs;
    /** The record as read: its bytes (byte[]), a {@link HeldRecord}, or null. */
    private final Object raw;

    /** {@code raw}: the record as read, UTF-8, or null; the event's own from now on (never changed). */
    public Event(EventSchema schema, String id, long time, long sequence, long[] prims, Object[] refs, byte[] raw) {
        this(schema, id, time, sequence, prims, refs, (Object) raw);
    }

    /** An event whose record as read is held in another form, made into bytes when asked for. */
    public static Event withHeldRecord(EventSchema schema, String id, long time, long sequence, long[] prims,
                                       Object[] refs, HeldRecord raw) {
        return new Event(schema, id, time, sequence, prims, refs, (Object) raw);
    }

    private Event(EventSchema schema, String id, long time, long sequence, long[] prims, Object[] refs, Object raw) {
        this.schema = schema;
        this.id = id;
        this.time = time;
        this.sequence = sequence;
        this.prims = prims;
        this.refs = refs;
        this.raw = raw;
    }

    /** The record as it was read, or null (made for each call: alerts and the late output ask, rarely). */
    public String raw() {
        byte[] b = rawBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** The record as it was read, UTF-8, or null; shared (or made from its held form), not to be changed. */
    public byte[] rawBytes() {
        return raw instanceof HeldRecord held ? held.bytes(this) : (byte[]) raw;
    }

    /** The record in the form it is held in, when not as bytes; else null. */
    public HeldRecord heldRecord() {
        return raw instanceof HeldRecord held ? held : null;
    }

    public boolean hasRaw() {
        return raw != null;
    }

    public EventSchema schema() {
        return schema;
    }

    public String id() {
        return id;
    }

    /** Event time, epoch milliseconds. */
    public long time() {
        return time;
    }

    public long sequence() {
        return sequence;
    }

    public long longAt(int slot) {
        return prims[slot];
    }

    public double doubleAt(int slot) {
        return Double.longBitsToDouble(prims[slot]);
    }

    public boolean booleanAt(int slot) {
        return prims[slot] != 0;
    }

    public String stringAt(int slot) {
        return (String) refs[slot];
    }

    public BigDecimal decimalAt(int slot) {
        return (BigDecimal) refs[slot];
    }

    /** The value of a field as a Java object (Long, Double, Boolean, String, BigDecimal; timestamps as Long). */
    public Object value(FieldSlot field) {
        return switch (field.type()) {
            case STRING, DECIMAL -> refs[field.index()];
            case DOUBLE -> doubleAt(field.index());
            case BOOLEAN -> booleanAt(field.index());
            default -> prims[field.index()];
        };
    }

    /**
     * This event with only the string and decimal fields at {@code keptReferences} (the others
     * null), sharing everything else: what a partial match keeps when later steps read only those.
     */
    public Event keepingReferences(boolean[] keptReferences) {
        Object[] kept = schema.noReferences();
        for (int i = 0; i < refs.length; i++) {
            if (keptReferences[i]) {
                if (kept == schema.noReferences()) {
                    kept = new Object[refs.length];
                }
                kept[i] = refs[i];
            }
        }
        return new Event(schema, id, time, sequence, prims, kept, raw);
    }

    /**
     * This event with the string and decimal fields of {@code other}, a copy of the same event
     * kept with other fields, filled in where this one has none (this one when nothing is missing).
     */
    public Event unitedWith(Event other) {
        Object[] united = null;
        for (int i = 0; i < refs.length; i++) {
            if (refs[i] == null && other.refs[i] != null) {
                if (united == null) {
                    united = refs.clone();
                }
                united[i] = other.refs[i];
            }
        }
        return united == null ? this : new Event(schema, id, time, sequence, prims, united, raw);
    }

    @Override
    public String toString() {
        return schema.name() + "#" + id + "@" + time;
    }
}
