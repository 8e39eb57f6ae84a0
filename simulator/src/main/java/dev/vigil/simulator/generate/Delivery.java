package dev.vigil.simulator.generate;

import static dev.vigil.simulator.generate.SimulationConfig.MINUTE;

import dev.vigil.simulator.event.SimEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How events reach the engine: each arrives up to the out-of-order bound after its event time, a
 * few 20 to 60 minutes late (beyond every schema's out-of-orderness plus lateness), some twice,
 * and some as a malformed record. Events are written in arrival order; what arrives after the end
 * of a day is carried into the next.
 */
final class Delivery {
    /** An event (or a malformed stand-in for one) and when it reaches the engine. */
    record Arrival(long at, SimEvent event, Malformation malformation) {}

    /** Ways a record is broken on the wire. */
    enum Malformation { TRUNCATED, AMOUNT_AS_TEXT, MISSING_TIME, UNKNOWN_TYPE }

    private final SimulationConfig config;
    private final SplittableRandom random;
    private List<Arrival> carried = new ArrayList<>();
    long late;
    long duplicates;
    long malformed;

    Delivery(SimulationConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    }

    /**
     * The day's events (already in event-time order) plus those carried over, in arrival order up
     * to {@code until}; nothing arrives before {@code from}, the day's start.
     */
    List<Arrival> deliver(List<SimEvent> events, long from, long until) {
        List<Arrival> all = carried;
        for (SimEvent e : events) {
            long at = e.time();
            if (config.lateRate() > 0 && random.nextDouble() < config.lateRate()) {
                at += 20 * MINUTE + (long) (random.nextDouble() * 40 * MINUTE);
                late++;
            } else if (config.disorderMillis() > 0) {
                at += (long) (random.nextDouble() * config.disorderMillis());
            }
            Malformation broken = null;
            if (config.malformedRate() > 0 && random.nextDouble() < config.malformedRate()) {
                broken = Malformation.values()[random.nextInt(Malformation.values().length)];
                malformed++;
            }
            all.add(new Arrival(at, e, broken));
            if (config.duplicateRate() > 0 && random.nextDouble() < config.duplicateRate()) {
                long again = at + (config.disorderMillis() > 0 ? (long) (random.nextDouble() * config.disorderMillis()) : 0);
                all.add(new Arrival(again, e, null));
                duplicates++;
            }
        }
        all = TimeOrder.sort(all, from, Arrival::at); // ties in the order they were added: carried first
        int cut = 0;
        while (cut < all.size() && all.get(cut).at() < until) {
            cut++;
        }
        carried = new ArrayList<>(all.subList(cut, all.size()));
        return all.subList(0, cut);
    }

    /** Whatever is still in flight at the end. */
    List<Arrival> rest() {
        List<Arrival> rest = carried;
        carried = new ArrayList<>();
        return rest;
    }
}
