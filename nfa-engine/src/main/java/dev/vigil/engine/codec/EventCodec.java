package dev.vigil.engine.codec;

import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.HeldRecord;
import java.math.BigDecimal;
import java.util.List;

/**
 * Events in state (partial matches, the event-time buffer): the schema by its place among the
 * compiled schemas, then id, time, arrival, the record as read and every field by its slot.
 * Schemas are matched by place, so state is read back by the same rule set that wrote it. The
 * record as read is written as it is ({@link RecordForm#AS_READ}) or in its compact form
 * ({@link RecordForm#COMPACT}, {@link RecordCodec}: read back, it stays compact until printed);
 * the reader names the form its format used.
 */
public final class EventCodec {
    /** How an event's record as read is written. */
    public enum RecordForm {
        /** Its bytes, as a string would be written (key-group state before format 6, engine snapshots). */
        AS_READ,
        /** Member names by number, values the event holds by a code ({@link RecordCodec}; key-group state from format 6). */
        COMPACT
    }

    private final List<EventSchema> schemas;
    private final RecordCodec records;

    public EventCodec(List<EventSchema> schemas) {
        this.schemas = List.copyOf(schemas);
        this.records = new RecordCodec(this.schemas);
    }

    public void write(StateWriter w, Event e, RecordForm form) {
        int s = schemas.indexOf(e.schema());
        if (s < 0) {
            throw new IllegalArgumentException("event of an unknown schema: " + e);
        }
        w.writeVarInt(s);
        w.writeString(e.id());
        w.writeVarLong(e.time());
        w.writeVarLong(e.sequence());
        if (form == RecordForm.COMPACT) {
            if (e.heldRecord() instanceof RecordCodec.CompactRecord held && records.canWriteAsIs(held, s)) {
                records.write(w, held); // read back from state: written again as it is
            } else {
                records.write(w, e.rawBytes(), s, e.id(), e.time());
            }
        } else {
            w.writeUtf8(e.rawBytes()); // as a string would be written: formats before and after read alike
        }
        for (FieldSlot f : e.schema().fields()) {
            if (f.type() == dev.vigil.dsl.schema.ValueType.DOUBLE) {
                w.writeLong(e.longAt(f.index())); // the raw bits: a varint would take 9 or 10 bytes
            } else if (f.type().primitive) {
                w.writeVarLong(e.longAt(f.index()));
            } else if (f.type() == dev.vigil.dsl.schema.ValueType.DECIMAL) {
                w.writeDecimal(e.decimalAt(f.index()));
            } else {
                w.writeString(e.stringAt(f.index()));
            }
        }
    }

    public Event read(StateReader r, RecordForm form) {
        int s = r.readVarInt();
        EventSchema schema = schemas.get(s);
        String id = r.readString();
        long time = r.readVarLong();
        long sequence = r.readVarLong();
        Object raw = form == RecordForm.COMPACT ? records.read(r, s) : r.readUtf8();
        long[] prims = new long[schema.primitiveCount()];
        Object[] refs = new Object[schema.referenceCount()];
        for (FieldSlot f : schema.fields()) {
            if (f.type() == dev.vigil.dsl.schema.ValueType.DOUBLE) {
                prims[f.index()] = r.readLong();
            } else if (f.type().primitive) {
                prims[f.index()] = r.readVarLong();
            } else if (f.type() == dev.vigil.dsl.schema.ValueType.DECIMAL) {
                BigDecimal d = r.readDecimal();
                refs[f.index()] = d;
            } else {
                refs[f.index()] = r.readString();
            }
        }
        return raw instanceof HeldRecord held ? Event.withHeldRecord(schema, id, time, sequence, prims, refs, held)
                : new Event(schema, id, time, sequence, prims, refs, (byte[]) raw);
    }
}
