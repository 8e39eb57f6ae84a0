package dev.vigil.engine.nfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Copies of one event that different rules keep are written once, with the fields of all of them. */
class EventTableTest {
    private static final String EVENTS = """
            event Txn {
              id txn_id
              time ts
              txn_id: string
              ts: timestamp
              country: string
              merchant_id: string
            }
            """;

    @Test
    void copiesOfOneEventBecomeOneEntryWithEveryKeptField() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("e.vgl", EVENTS)), List.of("e.vgl"));
        EventSchema s = c.event("Txn").orElseThrow();
        int country = s.field("country").get().index();
        int merchant = s.field("merchant_id").get().index();
        Event full = txn(s, "t1", 7, "US", "m1");
        boolean[] keepCountry = new boolean[s.referenceCount()];
        keepCountry[country] = true;
        boolean[] keepMerchant = new boolean[s.referenceCount()];
        keepMerchant[merchant] = true;
        Event a = full.keepingReferences(keepCountry);
        Event b = full.keepingReferences(keepMerchant);
        Event other = txn(s, "t2", 8, "FR", "m2");
        // An event that claims the same arrival but is not the same event is not merged into it.
        Event impostor = txn(s, "t9", 7, "DE", "m9");

        EventTable table = new EventTable();
        assertEquals(0, table.indexOf(a));
        assertEquals(0, table.indexOf(b));
        assertEquals(0, table.indexOf(a));
        assertEquals(1, table.indexOf(other));
        assertEquals(2, table.indexOf(impostor));

        EventCodec codec = new EventCodec(List.of(s));
        StateWriter w = new StateWriter();
        table.write(w, codec);
        Event[] read = EventTable.read(new StateReader(w.toBytes()), codec, EventCodec.RecordForm.COMPACT);
        assertEquals(3, read.length);
        assertEquals("t1", read[0].id());
        assertEquals("US", read[0].stringAt(country));
        assertEquals("m1", read[0].stringAt(merchant));
        assertEquals(full.raw(), read[0].raw());
        assertEquals("m2", read[1].stringAt(merchant));
        assertEquals("t9", read[2].id());

        // Cleared, the table is as new: it holds only what is entered after.
        table.clear();
        assertEquals(0, table.indexOf(other));
        assertEquals(0, table.indexOf(other));
        assertEquals(1, table.indexOf(b));
        StateWriter again = new StateWriter();
        table.write(again, codec);
        Event[] second = EventTable.read(new StateReader(again.toBytes()), codec, EventCodec.RecordForm.COMPACT);
        assertEquals(2, second.length);
        assertEquals("t2", second[0].id());
        assertEquals("m1", second[1].stringAt(merchant));
        assertEquals(null, second[1].stringAt(country)); // b alone kept no country: nothing left of a
    }

    private static Event txn(EventSchema s, String id, long seq, String country, String merchant) {
        EventBuilder b = new EventBuilder(s);
        b.setValue(s.field("txn_id").get(), id);
        b.setValue(s.field("ts").get(), 1_000L);
        b.setValue(s.field("country").get(), country);
        b.setValue(s.field("merchant_id").get(), merchant);
        return b.build(id, seq, "{\"txn_id\":\"" + id + "\"}");
    }
}
