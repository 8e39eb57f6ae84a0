package dev.vigil.engine.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.codec.StateWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key group keeps an event's entry as long as its longest window or look-up on that type, but a
 * field's values only as long as something reads that field: a day's sum of amounts beside thirty
 * days of merchants does not keep thirty days of amounts.
 */
class KeyHistoryRetentionTest {
    private static final String RULES = """
            event E {
              id id
              time ts
              id: string
              k: string
              ts: timestamp
              merchant: string
              amount: int
            }
            rule spend {
              key k
              match t: E
              alert { day: sum(E.amount over 1d) }
            }
            rule merchants {
              key k
              match t: E
              alert { known: t.merchant in history(E.merchant over 30d) }
            }
            """;
    private static final long HOUR = 3_600_000L;

    @Test
    void aFieldsValuesGoWhenNoWindowReadsThemThoughTheirEntriesStay() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", RULES)), List.of("r.vgl"));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        EventSchema e = c.event("E").orElseThrow();
        HistoryLayout layout = new HistoryLayout(c.rules());
        KeyHistory history = layout.newHistory();
        int hours = 20 * 24;
        for (int i = 0; i < hours; i++) {
            EventBuilder b = new EventBuilder(e);
            b.setValue(e.field("id").get(), "e" + i);
            b.setValue(e.field("k").get(), "k");
            b.setValue(e.field("ts").get(), i * HOUR);
            b.setValue(e.field("merchant").get(), "m" + i % 7);
            b.setValue(e.field("amount").get(), 1L);
            history.add(b.build("e" + i, i));
            history.prune(i * HOUR);
        }
        long now = (hours - 1) * HOUR;
        assertEquals(24, history.windowLong(0, now), "the day's sum reads the last 24 entries' amounts");
        assertTrue(history.historyContains(0, now, null, "m3"));

        int amounts = 0;
        int merchants = 0;
        Entries entries = history.entries(0);
        for (long p = entries.first(); p < entries.end(); p++) {
            amounts += entries.value(p, layout.windowPosition(0)) != null ? 1 : 0;
            merchants += entries.value(p, layout.historyPosition(0)) != null ? 1 : 0;
        }
        assertEquals(hours, entries.size(), "entries stay for the 30-day look-up");
        assertEquals(hours, merchants);
        assertEquals(25, amounts, "amounts only for a day (and the entry at its edge)");

        StateWriter w = new StateWriter();
        history.write(w);
        KeyHistory back = KeyHistory.read(layout, new dev.vigil.engine.codec.StateReader(w.toBytes()));
        assertEquals(24, back.windowLong(0, now), "read back, the window is rebuilt from the amounts kept");
    }
}
