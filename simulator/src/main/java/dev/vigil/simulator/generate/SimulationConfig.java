package dev.vigil.simulator.generate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to simulate: how many customers (one card and one account each) over how many days from
 * {@code start}, the random seed (the same seed gives the same bytes), which fraud scenarios to
 * inject and for what share of customers, and how untidy the delivery is.
 *
 * @param fraudRate     share of customers who become the victim (or the perpetrator) of a fraud
 *                      case; at least one case of every chosen scenario is injected
 * @param disorderMillis events arrive up to this much later than their event time (0: in order)
 * @param lateRate      share of events delivered 20 to 60 minutes late, beyond any schema's bound
 * @param duplicateRate share of events delivered twice
 * @param malformedRate share of records replaced by a malformed line
 * @param parameters    scenario settings overridden, by {@code scenario.setting}
 */
public record SimulationConfig(int cards, int days, long seed, Instant start, List<Scenario> scenarios,
                               double fraudRate, long disorderMillis, double lateRate, double duplicateRate,
                               double malformedRate, Map<String, Range> parameters) {
    public SimulationConfig {
        if (cards < 1 || days < 1) {
            throw new IllegalArgumentException("cards and days must be at least 1");
        }
        if (fraudRate < 0 || fraudRate > 1 || lateRate < 0 || lateRate > 1 || duplicateRate < 0 || duplicateRate > 1
                || malformedRate < 0 || malformedRate > 1) {
            throw new IllegalArgumentException("rates are shares between 0 and 1");
        }
        if (disorderMillis < 0) {
            throw new IllegalArgumentException("the out-of-order bound cannot be negative");
        }
        scenarios = List.copyOf(scenarios);
        parameters = Map.copyOf(parameters);
        for (String key : parameters.keySet()) {
            int dot = key.indexOf('.');
            Scenario s = Scenario.named(dot < 0 ? key : key.substring(0, dot)).orElseThrow(() ->
                    new IllegalArgumentException("`" + key + "` names no scenario; write SCENARIO.SETTING, e.g. card_testing.probes"));
            String setting = key.substring(dot + 1);
            if (s.parameters().stream().noneMatch(p -> p.name().equals(setting))) {
                throw new IllegalArgumentException("scenario " + s.name() + " has no setting `" + setting + "`; its settings are "
                        + s.parameters().stream().map(Parameter::name).toList());
            }
        }
    }

    /** A tidy stream: in order, nothing late, duplicated or malformed. */
    public static SimulationConfig tidy(int cards, int days, long seed, List<Scenario> scenarios, double fraudRate) {
        return new SimulationConfig(cards, days, seed, Instant.parse("2026-01-01T00:00:00Z"), scenarios, fraudRate,
                0, 0, 0, 0, Map.of());
    }

    long startMillis() {
        return start.toEpochMilli();
    }

    long endMillis() {
        return startMillis() + days * DAY;
    }

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
}
