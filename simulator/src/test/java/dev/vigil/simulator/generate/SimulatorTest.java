package dev.vigil.simulator.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.nfa.Match;
import dev.vigil.simulator.StarterPackReplay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    /** The starter rule written for each scenario (compromised terminals and bust-outs have none). */
    private static final Map<String, String> RULE_FOR = Map.of(
            "card_testing", "card_testing",
            "stolen_card_spree", "night_spree",
            "impossible_travel", "impossible_travel",
            "velocity_burst", "velocity_burst",
            "account_takeover", "account_takeover",
            "mule_account", "mule_fan_in_cash_out",
            "structuring", "structuring",
            "refund_abuse", "refund_abuse");

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherStream() {
        SimulationConfig a = new SimulationConfig(300, 5, 42, Instant.parse("2026-03-01T00:00:00Z"), Scenario.ALL, 0.02,
                15_000, 0.01, 0.01, 0.01, Map.of());
        Simulation first = Simulation.of(a);
        Simulation again = Simulation.of(a);
        assertEquals(first.lines(), again.lines());
        assertEquals(first.cases(), again.cases());
        Simulation other = Simulation.of(new SimulationConfig(300, 5, 43, a.start(), Scenario.ALL, 0.02, 15_000, 0.01,
                0.01, 0.01, Map.of()));
        assertNotEquals(first.lines(), other.lines());
    }

    @Test
    void everyRecordDecodesAgainstTheStarterSchemaAndCarriesItsLabel() {
        Simulation s = Simulation.of(SimulationConfig.tidy(500, 7, 3, Scenario.ALL, 0.02));
        StarterPackReplay.Result r = StarterPackReplay.run(s.lines());
        assertEquals(0, r.refused(), "the label field is not declared, so the decoder skips it");
        assertEquals(s.lines().size(), r.counters().accepted());
        long fraud = 0;
        for (String line : s.lines()) {
            JsonNode label = Simulation.json(line).get("label");
            assertTrue(label != null && label.has("fraud"), line);
            if (label.get("fraud").asBoolean()) {
                fraud++;
                assertTrue(label.has("scenario") && label.has("case_id"), line);
            }
        }
        assertEquals(s.summary().fraudEvents(), fraud);
        assertTrue(fraud > 0);
    }

    @Test
    void eachStarterRuleCatchesEveryCaseOfItsScenario() {
        Simulation s = Simulation.of(SimulationConfig.tidy(3000, 21, 11, Scenario.ALL, 0.01));
        Map<String, JsonNode> labels = new HashMap<>();
        for (String line : s.lines()) {
            JsonNode o = Simulation.json(line);
            labels.put(Simulation.id(o), o.get("label"));
        }
        Map<String, Set<String>> caughtBy = new HashMap<>();
        for (Match m : StarterPackReplay.run(s.lines()).matches()) {
            for (List<Event> events : m.events().values()) {
                for (Event e : events) {
                    JsonNode label = labels.get(e.id());
                    if (label.get("fraud").asBoolean()) {
                        caughtBy.computeIfAbsent(label.get("case_id").asText(), k -> new HashSet<>()).add(m.rule().name());
                    }
                }
            }
        }
        int checked = 0;
        for (String line : s.cases()) {
            JsonNode c = Simulation.json(line);
            assertTrue(c.get("events").asLong() > 0, () -> "a case without events: " + line);
            String rule = RULE_FOR.get(c.get("scenario").asText());
            if (rule != null) {
                checked++;
                assertTrue(caughtBy.getOrDefault(c.get("case_id").asText(), Set.of()).contains(rule),
                        () -> "rule " + rule + " missed " + line);
            }
        }
        assertEquals(8 * 3, checked, "three cases of each scenario that has a starter rule");
    }

    @Test
    void legitimateTrafficHasTheTextureRulesAreTunedAgainst() {
        Simulation s = Simulation.of(SimulationConfig.tidy(3000, 14, 5, List.of(), 0));
        assertEquals(0, s.summary().fraudEvents());
        List<Long> amounts = new ArrayList<>();
        Map<String, Integer> perCard = new HashMap<>();
        long night = 0;
        long txns = 0;
        Map<String, Long> channels = new HashMap<>();
        for (String line : s.lines()) {
            JsonNode o = Simulation.json(line);
            if (!o.get("type").asText().equals("txn")) {
                continue;
            }
            txns++;
            amounts.add(o.get("amount").decimalValue().movePointRight(2).longValue());
            perCard.merge(o.get("card_id").asText(), 1, Integer::sum);
            channels.merge(o.get("channel").asText(), 1L, Long::sum);
            if (Instant.parse(o.get("ts").asText()).atZone(java.time.ZoneOffset.UTC).getHour() < 5) {
                night++;
            }
        }
        amounts.sort(null);
        long median = amounts.get(amounts.size() / 2);
        assertTrue(median > 2000 && median < 8000, "median card amount " + median + " cents");
        assertTrue(amounts.get((int) (amounts.size() * 0.99)) > 5 * median, "a long right tail (log-normal)");
        assertTrue(night < txns * 0.05, "quiet nights: " + night + " of " + txns);
        assertTrue(channels.get("pos") > channels.get("online") && channels.get("online") > channels.get("atm"));
        int busiest = perCard.values().stream().max(Integer::compare).orElseThrow();
        assertTrue(busiest > 14 * 30, "a hot card: " + busiest + " transactions in 14 days");
        // Trips make a naive impossible-travel rule fire on good customers: false positives to tune away.
        long travelAlerts = StarterPackReplay.run(s.lines()).matches().stream()
                .filter(m -> m.rule().name().equals("impossible_travel")).count();
        assertTrue(travelAlerts > 0, "flights give the naive rule something to be wrong about");
    }

    @Test
    void aCompromisedTerminalTaintsEveryTransactionThereWhileItLasts() {
        Simulation s = Simulation.of(SimulationConfig.tidy(2000, 21, 9, List.of(new Scenario.CompromisedTerminal()), 0.0001));
        JsonNode c = Simulation.json(s.cases().get(0));
        String terminal = c.get("key").asText();
        Instant first = Instant.parse(c.get("first").asText());
        Instant last = Instant.parse(c.get("last").asText());
        int tainted = 0;
        for (String line : s.lines()) {
            JsonNode o = Simulation.json(line);
            if (o.get("type").asText().equals("txn") && o.get("merchant_id").asText().equals(terminal)) {
                Instant t = Instant.parse(o.get("ts").asText());
                boolean during = !t.isBefore(first) && !t.isAfter(last);
                assertEquals(during, o.get("label").get("fraud").asBoolean(), line);
                tainted += during ? 1 : 0;
            }
        }
        assertTrue(tainted > 1, "the terminal had traffic while compromised: " + tainted);
    }

    @Test
    void engineShardsGiveTheStarterPacksAlertsInOneEnginesOrder() {
        SimulationConfig config = new SimulationConfig(3000, 10, 5, Instant.parse("2026-05-01T00:00:00Z"), Scenario.ALL,
                0.02, 20_000, 0.005, 0.005, 0.005, Map.of());
        Simulation s = Simulation.of(config);
        StarterPackReplay.Result one = StarterPackReplay.run(s.lines());
        assertTrue(one.matches().size() > 200 && !one.late().isEmpty(), one.matches().size() + " alerts");
        for (int shards : new int[] {2, 3}) {
            StarterPackReplay.Result many = StarterPackReplay.run(s.lines(), shards);
            assertEquals(describe(one.matches()), describe(many.matches()), shards + " shards");
            assertEquals(one.late(), many.late(), shards + " shards: late events");
            assertEquals(one.counters().accepted(), many.counters().accepted());
            assertEquals(one.counters().matchesByRule(), many.counters().matchesByRule());
        }
    }

    private static List<String> describe(List<Match> matches) {
        return matches.stream().map(m -> m.rule().name() + " " + m.key() + " @" + m.detectedAt() + " "
                + m.events().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().stream()
                .map(Event::id).toList()).toList() + " " + m.values()).toList();
    }

    @Test
    void untidyDeliveryIsCountedAndEveryRecordIsAccountedFor() {
        long bound = 20_000;
        SimulationConfig config = new SimulationConfig(2000, 7, 21, Instant.parse("2026-05-01T00:00:00Z"), Scenario.ALL,
                0.01, bound, 0.005, 0.005, 0.005, Map.of());
        Simulation s = Simulation.of(config);
        assertTrue(s.summary().late() > 0 && s.summary().duplicates() > 0 && s.summary().malformed() > 0);
        StarterPackReplay.Result r = StarterPackReplay.run(s.lines());
        assertEquals(s.summary().malformed(), r.refused(), "every malformed record, and only those, is refused");
        assertEquals(s.summary().late(), r.late().size(), "every late delivery, and only those, is late for the engine");
        assertEquals(s.lines().size(), r.counters().accepted() + r.late().size() + r.refused());

        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        long maxTime = Long.MIN_VALUE;
        for (String line : s.lines()) {
            JsonNode o;
            try {
                o = Simulation.json(line);
            } catch (java.io.UncheckedIOException malformed) { // counted by the engine above
                continue;
            }
            if (!o.has("ts") || !seen.add(Simulation.id(o))) {
                duplicates += o.has("ts") ? 1 : 0;
                continue;
            }
            long t = Instant.parse(o.get("ts").asText()).toEpochMilli();
            if (t < maxTime - 20 * 60_000) {
                continue; // a late delivery
            }
            assertTrue(t > maxTime - bound, () -> "out of order beyond the bound: " + line);
            maxTime = Math.max(maxTime, t);
        }
        assertEquals(s.summary().duplicates(), duplicates);
        assertFalse(s.lines().isEmpty());
    }

    @Test
    void aScenarioSettingCanBeOverridden() {
        SimulationConfig config = new SimulationConfig(500, 7, 2, Instant.parse("2026-01-01T00:00:00Z"),
                List.of(new Scenario.CardTesting(), new Scenario.Structuring()), 0.004, 0, 0, 0, 0,
                Map.of("card_testing.probes", Range.parse("10"), "structuring.amount", Range.parse("9000..9000")));
        Simulation s = Simulation.of(config);
        for (String line : s.cases()) {
            JsonNode c = Simulation.json(line);
            if (c.get("scenario").asText().equals("card_testing")) {
                assertEquals(11, c.get("events").asInt(), "ten probes and the big purchase: " + line);
            }
        }
        for (String line : s.lines()) {
            JsonNode o = Simulation.json(line);
            if (o.get("label").get("scenario") != null && o.get("label").get("scenario").asText().equals("structuring")) {
                assertEquals(9000, o.get("amount").decimalValue().intValue(), line);
            }
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () ->
                new SimulationConfig(10, 1, 1, Instant.EPOCH, Scenario.ALL, 0, 0, 0, 0, 0,
                        Map.of("card_testing.probs", Range.parse("3"))));
        assertEquals("scenario card_testing has no setting `probs`; its settings are [probes, probe_gap_s, big_after_min,"
                + " big_amount]", e.getMessage());
    }
}
