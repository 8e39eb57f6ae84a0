package dev.vigil.dsl.schema;

import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;

/**
 * Assembles an {@link Event} field by field from already-typed values; decoders (NDJSON, Kafka,
 * rule-test literals) convert their input and call the typed setters. Fields not set take their
 * declared default.
 */
public final class EventBuilder {
    private final EventSchema schema;
    private final long[] prims;
    private final Object[] refs;
    private final boolean[] set;
    private final FieldSlot[] slotsInOrder;

    public EventBuilder(EventSchema schema) {
        this.schema = schema;
        this.prims = new long[schema.primitiveCount()];
        this.refs = new Object[schema.referenceCount()];
        this.slotsInOrder = schema.fieldArray();
        this.set = new boolean[slotsInOrder.length];
    }

    public EventBuilder setLong(FieldSlot f, long v) {
        prims[f.index()] = v;
        return mark(f);
    }

    public EventBuilder setDouble(FieldSlot f, double v) {
        prims[f.index()] = Double.doubleToRawLongBits(v);
        return mark(f);
    }

    public EventBuilder setBoolean(FieldSlot f, boolean v) {
        prims[f.index()] = v ? 1 : 0;
        return mark(f);
    }

    public EventBuilder setString(FieldSlot f, String v) {
        refs[f.index()] = v;
        return mark(f);
    }

    public EventBuilder setDecimal(FieldSlot f, BigDecimal v) {
        refs[f.index()] = v;
        return mark(f);
    }

    /** Sets a field from a Java value of the field's type (as {@link Event#value} returns it). */
    public EventBuilder setValue(FieldSlot f, Object v) {
        switch (f.type()) {
            case STRING -> setString(f, (String) v);
            case DECIMAL -> setDecimal(f, (BigDecimal) v);
            case DOUBLE -> setDouble(f, ((Number) v).doubleValue());
            case BOOLEAN -> setBoolean(f, (Boolean) v);
            default -> setLong(f, ((Number) v).longValue());
        }
        return this;
    }

    /** Forgets every value set, so that one builder can assemble event after event. */
    public EventBuilder reset() {
        java.util.Arrays.fill(prims, 0L);
        java.util.Arrays.fill(refs, null);
        java.util.Arrays.fill(set, false);
        return this;
    }

    public boolean isSet(FieldSlot f) {
        return set[position(f)];
    }

    /** The first required field not set, or null when the event is complete. */
    public FieldSlot firstMissing() {
        for (int i = 0; i < slotsInOrder.length; i++) {
            if (!set[i] && slotsInOrder[i].required()) {
                return slotsInOrder[i];
            }
        }
        return null;
    }

    /** Builds the event; defaults fill unset optional fields. Call {@link #firstMissing()} first. */
    public Event build(String id, long sequence) {
        return build(id, sequence, (byte[]) null);
    }

    /** As {@link #build(String, long)}, keeping the record as it was read. */
    public Event build(String id, long sequence, String raw) {
        return build(id, sequence, raw == null ? null : raw.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #build(String, long)}, keeping the record as it was read, in UTF-8 (the array is the event's from now on). */
    public Event build(String id, long sequence, byte[] raw) {
        for (int i = 0; i < slotsInOrder.length; i++) {
            if (!set[i] && !slotsInOrder[i].required()) {
                setValue(slotsInOrder[i], slotsInOrder[i].defaultValue());
            }
        }
        long time = prims[schema.timeField().index()];
        return new Event(schema, id, time, sequence, prims.clone(), refs.clone(), raw);
    }

    private EventBuilder mark(FieldSlot f) {
        set[position(f)] = true;
        return this;
    }

    private int position(FieldSlot f) {
        if (f.position() >= slotsInOrder.length || slotsInOrder[f.position()] != f) {
            throw new IllegalArgumentException(f.name() + " is not a field of " + schema.name());
        }
        return f.position();
    }
}
