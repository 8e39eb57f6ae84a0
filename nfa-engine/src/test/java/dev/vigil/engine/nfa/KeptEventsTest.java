package dev.vigil.engine.nfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.window.HistoryLayout;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A waiting partial match keeps of its events only the string and decimal fields later steps
 * read; the match it completes still has every value the rule reports and the records as read.
 */
class KeptEventsTest {
    private static final String RULE = """
            event Txn {
              id txn_id
              time ts
              txn_id: string
              card_id: string
              ts: timestamp
              amount: decimal
              country: string
              merchant_id: string
            }
            rule r {
              key card_id
              match
                a: Txn where amount < 5
                then b: Txn where country != a.country
              within 1h
              alert { first_amount: a.amount, country: b.country }
            }
            """;

    @Test
    void aWaitingRunKeepsOnlyTheFieldsLaterStepsRead() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", RULE)), List.of("r.vgl"));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        RuleProgram rule = c.rules().get(0);
        EventSchema s = c.event("Txn").orElseThrow();
        RuleRunner runner = new RuleRunner(rule, 100, (r, key, dropped) -> {});
        KeyState st = runner.newState();

        Event probe = txn(s, "t1", 1_000, "1.50", "US", "m1");
        assertEquals(List.of(), runner.onEvent(st, runner.newHistory(), "c1", probe));
        assertEquals(1, st.openRuns());
        Event kept = st.run(0).path.event();
        assertEquals("US", kept.stringAt(s.field("country").get().index()));
        assertEquals(new BigDecimal("1.50"), kept.decimalAt(s.field("amount").get().index()));
        assertNull(kept.stringAt(s.field("merchant_id").get().index()), "no later step reads a.merchant_id");
        assertNull(kept.stringAt(s.field("card_id").get().index()), "no later step reads a.card_id");
        assertEquals(probe.id(), kept.id());
        assertSame(probe.rawBytes(), kept.rawBytes());

        List<Match> out = runner.onEvent(st, runner.newHistory(), "c1", txn(s, "t2", 2_000, "900.00", "FR", "m2"));
        assertEquals(1, out.size());
        assertEquals(Map.of("first_amount", new BigDecimal("1.50"), "country", "FR"), out.get(0).values());
        assertEquals(probe.raw(), out.get(0).events().get("a").get(0).raw());
    }

    private static final String TWO_RULES = """
            event Txn {
              id txn_id
              time ts
              txn_id: string
              card_id: string
              ts: timestamp
              amount: decimal
              country: string
              merchant_id: string
            }
            rule travel {
              key card_id
              match
                a: Txn
                then b: Txn where country != a.country
              within 1h
            }
            rule repeat {
              key card_id
              match
                a: Txn
                then b: Txn where merchant_id = a.merchant_id
              within 1h
            }
            """;

    @Test
    void theRulesOfAKeyGroupShareOneCopyWithTheFieldsAnyOfThemReads() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", TWO_RULES)), List.of("r.vgl"));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        EventSchema s = c.event("Txn").orElseThrow();
        KeptEvents kept = new KeptEvents(c.rules());
        HistoryLayout layout = new HistoryLayout(c.rules());
        RuleRunner travel = new RuleRunner(c.rules().get(0), 100, (r, key, dropped) -> {}, layout, kept, 0);
        RuleRunner repeat = new RuleRunner(c.rules().get(1), 100, (r, key, dropped) -> {}, layout, kept, 1);
        KeyState travelState = travel.newState();
        KeyState repeatState = repeat.newState();

        Event first = txn(s, "t1", 1_000, "12.00", "US", "m1");
        travel.onEvent(travelState, travel.newHistory(), "c1", first);
        repeat.onEvent(repeatState, repeat.newHistory(), "c1", first);
        Event keptByTravel = travelState.run(0).path.event();
        assertSame(keptByTravel, repeatState.run(0).path.event(), "one copy for both rules");
        assertEquals("US", keptByTravel.stringAt(s.field("country").get().index()));
        assertEquals("m1", keptByTravel.stringAt(s.field("merchant_id").get().index()));
        assertNull(keptByTravel.stringAt(s.field("card_id").get().index()), "neither rule reads a.card_id later");
        assertNull(keptByTravel.decimalAt(s.field("amount").get().index()), "neither rule reads a.amount later");

        // Each rule still completes on its own condition with the shared copy.
        Event abroad = txn(s, "t2", 2_000, "30.00", "FR", "m2");
        assertEquals(1, travel.onEvent(travelState, travel.newHistory(), "c1", abroad).size());
        assertEquals(0, repeat.onEvent(repeatState, repeat.newHistory(), "c1", abroad).size());
        Event again = txn(s, "t3", 3_000, "30.00", "FR", "m1");
        assertEquals(1, repeat.onEvent(repeatState, repeat.newHistory(), "c1", again).size());
    }

    private static Event txn(EventSchema s, String id, long ts, String amount, String country, String merchant) {
        EventBuilder b = new EventBuilder(s);
        b.setValue(s.field("txn_id").get(), id);
        b.setValue(s.field("card_id").get(), "c1");
        b.setValue(s.field("ts").get(), ts);
        b.setValue(s.field("amount").get(), new BigDecimal(amount));
        b.setValue(s.field("country").get(), country);
        b.setValue(s.field("merchant_id").get(), merchant);
        return b.build(id, ts, "{\"txn_id\":\"" + id + "\"}");
    }
}
