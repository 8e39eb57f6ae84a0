package dev.vigil.dsl;

import static dev.vigil.dsl.Parsing.clause;
import static dev.vigil.dsl.Parsing.pattern;
import static dev.vigil.dsl.Parsing.rule;
import static dev.vigil.dsl.Parsing.sexp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.ast.EventDecl;
import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Pattern;
import dev.vigil.dsl.ast.RuleDecl;
import dev.vigil.dsl.ast.TestDecl;
import dev.vigil.dsl.ast.VglFile;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every construct of the language parses to the AST it means. */
class GrammarTest {

    @Test
    void eventDeclarationWithEveryClauseAndType() {
        VglFile f = Parsing.file("""
                event Txn {
                  from "transactions" where type = "txn"
                  id txn_id
                  time ts
                  out_of_order 30s
                  lateness 5m
                  txn_id: string
                  n: int
                  big: long
                  amount: decimal
                  lat: double = 1.5
                  ok: boolean = true
                  ts: timestamp
                  channel: string = "pos"
                }
                """);
        EventDecl e = (EventDecl) f.decls().get(0);
        assertEquals("Txn", e.name().text());
        EventDecl.Source src = (EventDecl.Source) e.clauses().get(0);
        assertEquals("transactions", src.topic());
        assertEquals("type", src.discriminatorField().get().text());
        assertEquals("txn", src.discriminatorValue().get());
        assertEquals("txn_id", ((EventDecl.IdField) e.clauses().get(1)).field().text());
        assertEquals("ts", ((EventDecl.TimeField) e.clauses().get(2)).field().text());
        assertEquals(30_000, ((EventDecl.OutOfOrder) e.clauses().get(3)).bound().millis());
        assertEquals(300_000, ((EventDecl.Lateness) e.clauses().get(4)).bound().millis());
        List<String> fields = e.clauses().stream().filter(c -> c instanceof EventDecl.Field)
                .map(c -> ((EventDecl.Field) c).name().text() + ":" + ((EventDecl.Field) c).type().text()).toList();
        assertEquals(List.of("txn_id:string", "n:int", "big:long", "amount:decimal", "lat:double", "ok:boolean",
                "ts:timestamp", "channel:string"), fields);
        EventDecl.Field channel = (EventDecl.Field) e.clauses().get(12);
        assertEquals("pos", ((Expr.StringLit) channel.defaultValue().get()).value());
    }

    @Test
    void softKeywordsAreFieldNames() {
        EventDecl e = (EventDecl) Parsing.file("event E { time time\n id id\n time: timestamp\n id: string\n key: string\n first: int }")
                .decls().get(0);
        assertEquals(6, e.clauses().size());
        // Header clauses come first in canonical order (id, then time), whatever the source order.
        assertEquals("id", ((EventDecl.IdField) e.clauses().get(0)).field().text());
        assertEquals("time", ((EventDecl.TimeField) e.clauses().get(1)).field().text());
        assertEquals("key", ((EventDecl.Field) e.clauses().get(4)).name().text());
    }

    @Test
    void ruleClausesAreKeptInCanonicalOrder() {
        RuleDecl r = rule("alert\nwithin 5m\nmatch a: Txn\nkey k\ntitle \"t\"");
        assertEquals(List.of("Title", "Key", "Match", "Within", "Alert"),
                r.clauses().stream().map(c -> c.getClass().getSimpleName()).toList());
    }

    @Test
    void ruleHeaderClauses() {
        RuleDecl r = rule("""
                title "Probes"
                severity high
                queue "review.cards"
                key (card_id, merchant_id)
                version 3
                max_partials 500
                match a: Txn
                within 15m
                """);
        assertEquals("Probes", clause(r, RuleDecl.Title.class).text());
        assertEquals("high", clause(r, RuleDecl.Severity.class).level().text());
        assertEquals("review.cards", clause(r, RuleDecl.Queue.class).topic());
        assertEquals(List.of("card_id", "merchant_id"), clause(r, RuleDecl.Key.class).fields().stream().map(n -> n.text()).toList());
        assertEquals(3, clause(r, RuleDecl.Version.class).number());
        assertEquals(500, clause(r, RuleDecl.MaxPartials.class).limit());
        assertEquals(900_000, clause(r, RuleDecl.Within.class).duration().millis());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "skip none | NoSkip | ",
            "skip to next | SkipToNext | ",
            "skip past last | SkipPastLast | ",
            "skip to first a | SkipToFirst | a",
            "skip to last a | SkipToLast | a"})
    void afterMatchSkipStrategies(String text, String kind, String variable) {
        RuleDecl.SkipStrategy s = clause(rule("match a: Txn\nafter match " + text), RuleDecl.Skip.class).strategy();
        assertEquals(kind, s.getClass().getSimpleName());
        if (s instanceof RuleDecl.SkipToFirst f) {
            assertEquals(variable, f.variable().text());
        } else if (s instanceof RuleDecl.SkipToLast l) {
            assertEquals(variable, l.variable().text());
        }
    }

    @Test
    void scoreAndAlertClauses() {
        RuleDecl r = rule("""
                match a: Txn
                score "card_fraud_v1" { amount: a.amount, night: hour(a.ts) < 5, }
                alert if score >= 0.7 { amount: a.amount }
                """);
        RuleDecl.Score s = clause(r, RuleDecl.Score.class);
        assertEquals("card_fraud_v1", s.model());
        assertEquals(List.of("amount", "night"), s.features().stream().map(n -> n.name().text()).toList());
        RuleDecl.Alert a = clause(r, RuleDecl.Alert.class);
        assertEquals("(>= score dec:0.7)", Sexp.of(a.condition().get()));
        assertEquals("a.amount", Sexp.of(a.values().get(0).value()));
        assertTrue(clause(rule("match a: Txn\nalert"), RuleDecl.Alert.class).values().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "next    | STRICT            | false",
            "then    | RELAXED           | false",
            "then any| NON_DETERMINISTIC | false",
            "not next| STRICT            | true",
            "not then| RELAXED           | true"})
    void contiguities(String word, Pattern.Contiguity contiguity, boolean negated) {
        Pattern p = pattern("a: Txn " + word + " b: Txn");
        Pattern.Link link = p.steps().get(1).link().get();
        assertEquals(contiguity, link.contiguity());
        assertEquals(negated, link.negated());
        assertTrue(link.within().isEmpty());
        assertTrue(p.steps().get(0).link().isEmpty());
    }

    @Test
    void gapWithinOnALink() {
        Pattern.Link link = pattern("a: Txn not then within 10m b: Txn").steps().get(1).link().get();
        assertEquals(600_000, link.within().get().millis());
        assertTrue(link.negated());
    }

    @ParameterizedTest
    @CsvSource({"'{3}',3,3", "'{3,}',3,-1", "'{2,5}',2,5", "+,1,-1", "*,0,-1", "?,0,1"})
    void quantifiers(String q, int min, int max) {
        Pattern.Element e = (Pattern.Element) pattern("a: Txn" + q + " then b: Txn").steps().get(0).term();
        assertEquals(min, e.quantifier().get().min());
        assertEquals(max, e.quantifier().get().max());
    }

    @Test
    void loopOptionsWhereAndUntil() {
        Pattern.Element e = (Pattern.Element) pattern("a: Txn{2,} greedy consecutive where amount < 5 until amount > 100 then b: Txn")
                .steps().get(0).term();
        assertEquals(List.of(Pattern.LoopOption.Kind.GREEDY, Pattern.LoopOption.Kind.CONSECUTIVE),
                e.options().stream().map(Pattern.LoopOption::kind).toList());
        assertEquals("(< amount int:5)", Sexp.of(e.where().get()));
        assertEquals("(> amount int:100)", Sexp.of(e.until().get()));
        Pattern.Element r = (Pattern.Element) pattern("a: Txn+ reluctant combinations then b: Txn").steps().get(0).term();
        assertEquals(List.of(Pattern.LoopOption.Kind.RELUCTANT, Pattern.LoopOption.Kind.COMBINATIONS),
                r.options().stream().map(Pattern.LoopOption::kind).toList());
    }

    @Test
    void groupsNestAndTakeQuantifiers() {
        Pattern p = pattern("start: Txn then burst: (a: Txn where amount < 5 next b: Txn){2,4} consecutive then (c: Txn)?");
        Pattern.Group g = (Pattern.Group) p.steps().get(1).term();
        assertEquals("burst", g.variable().get().text());
        assertEquals(2, g.quantifier().get().min());
        assertEquals(4, g.quantifier().get().max());
        assertEquals(2, g.pattern().steps().size());
        assertEquals(Pattern.Contiguity.STRICT, g.pattern().steps().get(1).link().get().contiguity());
        Pattern.Group anonymous = (Pattern.Group) p.steps().get(2).term();
        assertTrue(anonymous.variable().isEmpty());
        assertEquals(0, anonymous.quantifier().get().min());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a + b * c                 | (+ a (* b c))",
            "(a + b) * c               | (* (+ a b) c)",
            "a - b - c                 | (- (- a b) c)",
            "-a * b                    | (* (neg a) b)",
            "-5 + x                    | (+ int:-5 x)",
            "a < b and c or d          | (or (and (< a b) c) d)",
            "a or b and c              | (or a (and b c))",
            "not a = b and c           | (and (not (= a b)) c)",
            "not (a and b)             | (not (and a b))",
            "x % 2 = 0                 | (= (% x int:2) int:0)",
            "a != b                    | (!= a b)",
            "a <= 1.50                 | (<= a dec:1.50)",
            "b.ts - a.ts < 10m         | (< (- b.ts a.ts) dur:600000ms)",
            "country in (\"US\", \"CA\")   | (in country 'US' 'CA')",
            "mcc not in (1, 2)         | (not-in mcc int:1 int:2)",
            "m not in history(Txn.merchant_id over 90d) | (not-in-history m Txn.merchant_id 7776000000ms)",
            "ts - first_seen(d in Login.device_id over 30d) < 1h | (< (- ts (first_seen d Login.device_id 2592000000ms)) dur:3600000ms)",
            "last_seen(lower(m) in Txn.merchant_id over 1d) | (last_seen (lower m) Txn.merchant_id 86400000ms)",
            "email matches \".*@x\\.com\"  | (matches email '.*@x\\.com')",
            "email not matches \"a\"     | (not-matches email 'a')",
            "count(Txn over 10m) >= 4  | (>= (window count Txn 600000ms) int:4)",
            "sum(Txn.amount over 1h)   | (window sum Txn.amount 3600000ms)",
            "distinct(Login.device_id over 2d) | (window distinct Login.device_id 172800000ms)",
            "count(probe)              | (count probe)",
            "sum(probe.amount)         | (sum probe.amount)",
            "probe.first.country       | probe.first.country",
            "probe.last.amount         | probe.last.amount",
            "probe[2].amount           | probe[2].amount",
            "geo_distance(a.lat, a.lon, lat, lon) > 500 | (> (geo_distance a.lat a.lon lat lon) int:500)",
            "lower(country) = \"us\"     | (= (lower country) 'us')",
            "ok = true and not false   | (and (= ok true) (not false))",
            "ts > 0 and 500ms < 2s and 1d > 3h and 1w > 6d | (and (and (and (> ts int:0) (< dur:500ms dur:2000ms)) (> dur:86400000ms dur:10800000ms)) (> dur:604800000ms dur:518400000ms))"})
    void expressionsParseWithTheirPrecedence(String text, String expected) {
        assertEquals(expected.strip(), sexp(text.strip()));
    }

    @Test
    void stringEscapes() {
        assertEquals("a\"b\\c\nd\te\\d", ((Expr.StringLit) Parsing.expr("\"a\\\"b\\\\c\\nd\\te\\d\"")).value());
        assertEquals(new BigDecimal("-2.50"), ((Expr.DecimalLit) Parsing.expr("-2.50")).value());
    }

    @Test
    void ruleTests() {
        VglFile f = Parsing.file("""
                test card_testing "fires once" {
                  Txn { card_id: "c1", amount: 1.00, n: -3, ok: true }
                  Txn {}
                  expect alert card_testing { key: "c1", probes: 3 }
                  expect alert
                }
                test card_testing "quiet" {
                  expect no alerts
                }
                """);
        TestDecl t = (TestDecl) f.decls().get(0);
        assertEquals("card_testing", t.name().text());
        assertEquals("fires once", t.title());
        TestDecl.EventLine e = (TestDecl.EventLine) t.statements().get(0);
        assertEquals("Txn", e.type().text());
        assertEquals(List.of("card_id", "amount", "n", "ok"), e.values().stream().map(v -> v.name().text()).toList());
        assertEquals(-3, ((Expr.IntLit) e.values().get(2).value()).value());
        TestDecl.ExpectAlert a = (TestDecl.ExpectAlert) t.statements().get(2);
        assertEquals("card_testing", a.rule().get().text());
        assertEquals(2, a.values().size());
        assertTrue(((TestDecl.ExpectAlert) t.statements().get(3)).rule().isEmpty());
        assertInstanceOf(TestDecl.ExpectNoAlert.class, ((TestDecl) f.decls().get(1)).statements().get(0));
    }

    @Test
    void importsAndComments() {
        VglFile f = Parsing.file("""
                -- shared types
                import "schema/events.vgl"

                -- the rule
                rule r { -- after brace
                  -- about the key
                  key card_id  -- trailing
                  match a: Txn
                  -- before the close
                }
                -- the end
                """);
        assertEquals("schema/events.vgl", f.imports().get(0).target());
        assertEquals(List.of("-- shared types"), f.imports().get(0).comments().leading());
        RuleDecl r = (RuleDecl) f.decls().get(0);
        assertEquals(List.of("-- the rule"), r.comments().leading());
        assertEquals("-- after brace", r.comments().trailing());
        RuleDecl.Key key = clause(r, RuleDecl.Key.class);
        assertEquals(List.of("-- about the key"), key.comments().leading());
        assertEquals("-- trailing", key.comments().trailing());
        assertFalse(clause(r, RuleDecl.Match.class).comments().leading().contains("-- trailing"));
        assertEquals(List.of("-- before the close"), r.closingComments());
        assertEquals(List.of("-- the end"), f.closingComments());
    }
}
