package dev.vigil.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.program.EvalContext;
import dev.vigil.dsl.program.NoValue;
import dev.vigil.dsl.program.OutputValue;
import dev.vigil.dsl.program.PatternNode;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Compiled programs compute what the language reference says: values checked against hand
 * arithmetic, the calendar and published distances, not against the compiler's own output.
 */
class EvaluationTest {
    private static final String EVENTS = """
            event Txn {
              id txn_id
              time ts
              txn_id: string
              card_id: string
              ts: timestamp
              amount: decimal
              country: string
              merchant_id: string = "m0"
              lat: double = 0.0
              lon: double = 0.0
              mcc: int = 0
              online: boolean = false
            }
            """;

    /** Compiles one rule whose first step has the given condition and alert values. */
    private static RuleProgram rule(String pattern, String alert) {
        String text = EVENTS + "rule r {\n key card_id\n match " + pattern + "\n within 1h\n alert { " + alert + " }\n}\n";
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", text)), List.of("r.vgl"));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        return c.rules().get(0);
    }

    private static EventSchema txnSchema(RuleProgram r) {
        return ((PatternNode.Stage) r.pattern().steps().get(0).node()).type();
    }

    private static Event txn(EventSchema s, String id, String ts, String amount, String country, double lat, double lon,
                             int mcc, boolean online) {
        EventBuilder b = new EventBuilder(s);
        b.setValue(s.field("txn_id").get(), id);
        b.setValue(s.field("card_id").get(), "c1");
        b.setValue(s.field("ts").get(), Instant.parse(ts).toEpochMilli());
        b.setValue(s.field("amount").get(), new BigDecimal(amount));
        b.setValue(s.field("country").get(), country);
        b.setValue(s.field("lat").get(), lat);
        b.setValue(s.field("lon").get(), lon);
        b.setValue(s.field("mcc").get(), (long) mcc);
        b.setValue(s.field("online").get(), online);
        return b.build(id, 0);
    }

    /** A hand-made match: the events each variable holds, the current event, windows, history, score. */
    private static final class Match implements EvalContext {
        final Map<Integer, List<Event>> vars = new HashMap<>();
        Event current;
        long[] longs = new long[4];
        double[] doubles = new double[4];
        BigDecimal[] decimals = new BigDecimal[4];
        Map<Integer, Set<Object>> history = new HashMap<>();
        double score;

        Match with(int variable, Event... events) {
            vars.put(variable, new ArrayList<>(List.of(events)));
            return this;
        }

        @Override public Event current() { return current; }
        @Override public int count(int variable) { return vars.getOrDefault(variable, List.of()).size(); }
        @Override public Event event(int variable, int index) { return vars.get(variable).get(index); }
        @Override public long windowLong(int window) { return longs[window]; }
        @Override public double windowDouble(int window) { return doubles[window]; }
        @Override public BigDecimal windowDecimal(int window) {
            if (decimals[window] == null) {
                throw NoValue.INSTANCE;
            }
            return decimals[window];
        }
        @Override public boolean historyContains(int h, Object value) { return history.getOrDefault(h, Set.of()).contains(value); }
        @Override public long firstSeen(int h, Object value) { throw new UnsupportedOperationException("not evaluated here"); }
        @Override public long lastSeen(int h, Object value) { throw new UnsupportedOperationException("not evaluated here"); }
        @Override public double score() { return score; }
    }

    private static Object value(RuleProgram r, String name, EvalContext ctx) {
        OutputValue o = r.output(name).orElseThrow();
        return o.value().apply(ctx);
    }

    private static boolean where(RuleProgram r, int step, EvalContext ctx) {
        return ((PatternNode.Stage) r.pattern().steps().get(step).node()).where().test(ctx);
    }

    /**
     * What a partial match keeps of an earlier event is exactly the string and decimal fields read
     * through its variable afterwards (conditions, aggregates, `when`, alert values), checked by hand
     * against the rule text; the current event's own fields are not among them.
     */
    @Test
    void keptReferencesAreTheFieldsLaterStepsReadOfEarlierEvents() {
        RuleProgram r = rule("a: Txn where country = \"US\" then b: Txn{2} where merchant_id = a.merchant_id"
                        + " then c: Txn where amount > sum(b.amount) and country != b.first.country",
                "a_amount: a.amount, c_id: c.txn_id");
        EventSchema s = txnSchema(r);
        java.util.function.Function<String, Integer> slot = name -> s.field(name).get().index();
        // a: merchant_id (b's condition) and amount (an alert value); its own `country` test reads the current event.
        assertEquals(Set.of(slot.apply("merchant_id"), slot.apply("amount")), r.keptReferences().get(0));
        // b: amount (sum) and country (b.first); primitives such as ts are never listed.
        assertEquals(Set.of(slot.apply("amount"), slot.apply("country")), r.keptReferences().get(1));
        // c completes the match: the alert reads it as an earlier event too.
        assertEquals(Set.of(slot.apply("txn_id")), r.keptReferences().get(2));
        RuleProgram none = rule("a: Txn where amount > 10 then b: Txn where ts - a.ts < 1h and lat > a.lat", "n: count(b)");
        assertEquals(Set.of(), none.keptReferences().get(0));
    }

    @Test
    void decimalArithmeticIsExactAndWholeNumbersDivideIntoDecimals() {
        RuleProgram r = rule("a: Txn", "sum: a.amount + 0.2, half: a.mcc / 2, product: a.amount * 3, rem: a.mcc % 4, neg: -a.amount");
        Event e = txn(txnSchema(r), "t1", "2026-01-01T00:00:00Z", "0.1", "US", 0, 0, 7, false);
        Match m = new Match().with(0, e);
        assertEquals(0, new BigDecimal("0.3").compareTo((BigDecimal) value(r, "sum", m)), "0.1 + 0.2 is 0.3 in decimal");
        assertEquals(0, new BigDecimal("3.5").compareTo((BigDecimal) value(r, "half", m)));
        assertEquals(0, new BigDecimal("0.3").compareTo((BigDecimal) value(r, "product", m)));
        assertEquals(3L, value(r, "rem", m));
        assertEquals(0, new BigDecimal("-0.1").compareTo((BigDecimal) value(r, "neg", m)));
    }

    @Test
    void comparisonsWidenAcrossNumberTypes() {
        RuleProgram r = rule("a: Txn where amount = 5 and mcc < 5.5 and lat > 1 and amount != 5.01", "x: a.amount");
        EventSchema s = txnSchema(r);
        Match m = new Match();
        m.current = txn(s, "t1", "2026-01-01T00:00:00Z", "5.00", "US", 1.5, 0, 5, false);
        assertTrue(where(r, 0, m), "5.00 = 5, 5 < 5.5, 1.5 > 1");
        m.current = txn(s, "t1", "2026-01-01T00:00:00Z", "5.00", "US", 1.0, 0, 5, false);
        assertFalse(where(r, 0, m), "1.0 > 1 is false");
    }

    @Test
    void geoDistanceMatchesThePublishedGreatCircleDistance() {
        // New York (40.7128 N, 74.0060 W) to London (51.5074 N, 0.1278 W): about 5570 km.
        RuleProgram r = rule("a: Txn", "km: geo_distance(a.lat, a.lon, 51.5074, -0.1278)");
        Event ny = txn(txnSchema(r), "t1", "2026-01-01T00:00:00Z", "1", "US", 40.7128, -74.0060, 0, false);
        double km = (Double) value(r, "km", new Match().with(0, ny));
        assertEquals(5570, km, 15);
    }

    @Test
    void calendarFunctionsUseUtc() {
        RuleProgram r = rule("a: Txn", "h: hour(a.ts), dow: day_of_week(a.ts)");
        EventSchema s = txnSchema(r);
        // 2026-01-01 is a Thursday (ISO day 4); 2024-02-25 a Sunday (7); 1969-12-29 a Monday (1).
        assertEquals(23L, value(r, "h", new Match().with(0, txn(s, "t", "2026-01-01T23:59:59Z", "1", "US", 0, 0, 0, false))));
        assertEquals(4L, value(r, "dow", new Match().with(0, txn(s, "t", "2026-01-01T23:59:59Z", "1", "US", 0, 0, 0, false))));
        assertEquals(7L, value(r, "dow", new Match().with(0, txn(s, "t", "2024-02-25T00:00:00Z", "1", "US", 0, 0, 0, false))));
        assertEquals(1L, value(r, "dow", new Match().with(0, txn(s, "t", "1969-12-29T05:00:00Z", "1", "US", 0, 0, 0, false))));
        assertEquals(5L, value(r, "h", new Match().with(0, txn(s, "t", "1969-12-29T05:00:00Z", "1", "US", 0, 0, 0, false))));
    }

    @Test
    void earlierVariablesFirstLastIndexAndAggregates() {
        RuleProgram r = rule("probe: Txn{2,} then big: Txn where amount > 10 * probe.last.amount and country != probe.first.country"
                        + " and ts - probe[1].ts <= 10m",
                "n: count(probe), total: sum(probe.amount), mean: avg(probe.amount), lo: min(probe.amount), hi: max(probe.amount),"
                        + " second: probe[2].amount, third: probe[3].amount");
        EventSchema s = txnSchema(r);
        Event p1 = txn(s, "p1", "2026-01-01T10:00:00Z", "1.00", "US", 0, 0, 0, false);
        Event p2 = txn(s, "p2", "2026-01-01T10:01:00Z", "4.00", "US", 0, 0, 0, false);
        Match m = new Match().with(0, p1, p2);
        m.current = txn(s, "b", "2026-01-01T10:10:00Z", "40.01", "FR", 0, 0, 0, false);
        assertTrue(where(r, 1, m), "40.01 > 40, FR != US, 10 minutes after the first probe");
        m.current = txn(s, "b", "2026-01-01T10:10:01Z", "40.01", "FR", 0, 0, 0, false);
        assertFalse(where(r, 1, m), "ten minutes and a second is too late");
        m.current = txn(s, "b", "2026-01-01T10:05:00Z", "40.00", "FR", 0, 0, 0, false);
        assertFalse(where(r, 1, m), "40.00 is not above 10 * 4.00");
        assertEquals(2L, value(r, "n", m));
        assertEquals(0, new BigDecimal("5.00").compareTo((BigDecimal) value(r, "total", m)));
        assertEquals(0, new BigDecimal("2.5").compareTo((BigDecimal) value(r, "mean", m)));
        assertEquals(0, new BigDecimal("1.00").compareTo((BigDecimal) value(r, "lo", m)));
        assertEquals(0, new BigDecimal("4.00").compareTo((BigDecimal) value(r, "hi", m)));
        assertEquals(0, new BigDecimal("4.00").compareTo((BigDecimal) value(r, "second", m)));
        assertNull(value(r, "third", m), "a value that does not exist is null in the alert");
    }

    @Test
    void aConditionOnAMissingValueIsFalseNotAnError() {
        RuleProgram r = rule("probe: Txn{2,} where amount > probe.last.amount then big: Txn where amount > 1 / 0", "x: big.amount");
        EventSchema s = txnSchema(r);
        Match m = new Match();
        m.current = txn(s, "p1", "2026-01-01T10:00:00Z", "1.00", "US", 0, 0, 0, false);
        assertFalse(where(r, 0, m), "probe.last does not exist before the first probe");
        m.with(0, txn(s, "p0", "2026-01-01T09:00:00Z", "0.50", "US", 0, 0, 0, false));
        assertTrue(where(r, 0, m), "1.00 > 0.50");
        assertFalse(where(r, 1, m), "division by zero has no value");
    }

    @Test
    void stringsListsAndRegularExpressions() {
        RuleProgram r = rule("a: Txn where country in (\"US\", \"CA\") and merchant_id matches \"m[0-9]+\" and lower(country) = \"us\""
                        + " and length(merchant_id) = 3 and starts_with(merchant_id, \"m\") and not contains(country, \"X\")"
                        + " and mcc not in (7995, 6051)", "x: a.amount");
        EventSchema s = txnSchema(r);
        Match m = new Match();
        EventBuilder b = new EventBuilder(s);
        b.setValue(s.field("txn_id").get(), "t1").setValue(s.field("card_id").get(), "c1")
                .setValue(s.field("ts").get(), 0L).setValue(s.field("amount").get(), BigDecimal.ONE)
                .setValue(s.field("country").get(), "US").setValue(s.field("merchant_id").get(), "m42");
        m.current = b.build("t1", 0);
        assertTrue(where(r, 0, m));
        b.setValue(s.field("merchant_id").get(), "m42x");
        m.current = b.build("t1", 0);
        assertFalse(where(r, 0, m), "matches is a whole-string match");
        b.setValue(s.field("merchant_id").get(), "m42").setValue(s.field("mcc").get(), 7995L);
        m.current = b.build("t1", 0);
        assertFalse(where(r, 0, m), "7995 is in the excluded list");
    }

    @Test
    void windowsHistoryAndScoreComeFromTheContext() {
        String text = EVENTS + """
                rule r {
                  key card_id
                  match a: Txn where merchant_id not in history(Txn.merchant_id over 90d)
                  when count(Txn over 10m) >= 4 and sum(Txn.amount over 1h) > 100 and avg(Txn.lat over 1h) < 5
                  score "m" { amount: a.amount, online: a.online }
                  alert if score >= 0.7 { n: count(Txn over 10m), s: score }
                }
                """;
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", text)), List.of("r.vgl"));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        RuleProgram r = c.rules().get(0);
        assertEquals(3, r.windows().size(), "count 10m, sum 1h, avg 1h; the second count(Txn over 10m) is the same window");
        assertEquals(1, r.histories().size());
        EventSchema s = txnSchema(r);
        Match m = new Match().with(0, txn(s, "t1", "2026-01-01T00:00:00Z", "150", "US", 0, 0, 0, true));
        m.current = m.event(0, 0);
        m.history.put(0, Set.of("m7"));
        assertTrue(where(r, 0, m), "m0 was never seen");
        m.history.put(0, Set.of("m0"));
        assertFalse(where(r, 0, m), "m0 was seen");
        m.longs[0] = 4;
        m.decimals[1] = new BigDecimal("100.01");
        m.doubles[2] = 4.9;
        assertTrue(r.when().get().test(m));
        m.decimals[1] = null;
        assertFalse(r.when().get().test(m), "a window value that does not exist makes the condition false");
        m.score = 0.69;
        assertFalse(r.alertIf().get().test(m));
        m.score = 0.7;
        assertTrue(r.alertIf().get().test(m));
        assertEquals(List.of("amount", "online"), r.score().get().features().stream().map(OutputValue::name).toList());
        assertEquals(true, r.score().get().features().get(1).value().apply(m));
        assertEquals(0.7, value(r, "s", m));
    }
}
