package dev.vigil.simulator.generate;

import static dev.vigil.simulator.generate.SimulationConfig.HOUR;

import dev.vigil.simulator.event.Label;
import dev.vigil.simulator.event.SimEvent;
import java.util.SplittableRandom;

/**
 * One injected fraud case while a {@link Scenario} writes it: its id and label, the customer it
 * happens to, the case's own random stream, and where its events go. Also what the case is keyed
 * on (card, account or merchant), for the cases file.
 */
final class FraudCase {
    final String id;
    final Scenario scenario;
    final Label label;
    final Customer victim;
    final SplittableRandom random;
    final World world;
    private final Timeline out;
    private final SimulationConfig config;
    private final Compromises compromises;
    String keyField;
    String key;

    FraudCase(String id, Scenario scenario, Customer victim, SplittableRandom random, World world, Timeline out,
              SimulationConfig config, Compromises compromises) {
        this.id = id;
        this.scenario = scenario;
        this.label = Label.fraud(scenario.name(), id);
        this.victim = victim;
        this.random = random;
        this.world = world;
        this.out = out;
        this.config = config;
        this.compromises = compromises;
        keyedBy("card_id", victim.card());
    }

    void keyedBy(String field, String value) {
        keyField = field;
        key = value;
    }

    /** A start time that leaves {@code lead} before it and {@code room} after it inside the period. */
    long start(long lead, long room) {
        long from = config.startMillis() + lead;
        long to = Math.max(from + 1, config.endMillis() - room);
        return from + (long) (random.nextDouble() * (to - from));
    }

    /** A start within the given hours (UTC) of a random day. */
    long nightStart(Range hours) {
        int day = random.nextInt(config.days());
        return out.dayStart(day) + hours.lo() * HOUR + (long) (random.nextDouble() * (hours.hi() - hours.lo() + 1) * HOUR);
    }

    /** The scenario's setting, as overridden in the configuration or by default. */
    Range parameter(String name) {
        Range r = config.parameters().get(scenario.name() + "." + name);
        if (r != null) {
            return r;
        }
        return scenario.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(scenario.name() + " has no setting " + name)).range();
    }

    /** A number drawn from a setting's range. */
    long draw(String name) {
        return parameter(name).draw(random);
    }

    /** An amount in cents drawn from a setting's range of whole units. */
    long cents(String name) {
        return parameter(name).drawCents(random);
    }

    long periodLength() {
        return config.endMillis() - config.startMillis();
    }

    long periodEnd() {
        return config.endMillis();
    }

    String id(String prefix) {
        return out.id(prefix);
    }

    /** A card transaction of the case, at {@code m}, card present unless the merchant is a web shop. */
    void txn(long time, long cents, Merchant m, City where) {
        out.add(new SimEvent.Txn(out.id("t"), victim.card(), victim.account(), time, cents, m.id(), m.mcc(),
                m.online() ? m.city().country() : where.country(), m.online() ? m.lat() : where.lat(),
                m.online() ? m.lon() : where.lon(), m.online() ? "online" : "pos",
                m.online() ? "fp-" + id : null, true, label));
    }

    void add(SimEvent e) {
        out.add(e);
    }

    void compromise(String merchant, long from, long to) {
        compromises.add(merchant, from, to, label);
    }

}
