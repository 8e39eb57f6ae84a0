package dev.vigil.simulator.generate;

import static dev.vigil.simulator.generate.SimulationConfig.DAY;
import static dev.vigil.simulator.generate.SimulationConfig.HOUR;
import static dev.vigil.simulator.generate.SimulationConfig.MINUTE;

import dev.vigil.simulator.event.Label;
import dev.vigil.simulator.event.SimEvent;
import java.util.List;
import java.util.Optional;

/**
 * A kind of fraud the simulator injects. Each writes the events of one case; docs/simulator.md
 * describes them and the starter rule each is meant for. Counts, times and amounts are drawn from
 * the case's own random stream within the ranges of its {@link Parameter}s (amounts in whole
 * currency units, drawn to the cent).
 */
public sealed interface Scenario {
    /** The scenario's name in labels, on the command line and in the docs. */
    String name();

    /** Its settings with their default ranges; `--param NAME.SETTING=LO..HI` overrides one. */
    List<Parameter> parameters();

    void inject(FraudCase c);

    List<Scenario> ALL = List.of(new CardTesting(), new StolenCardSpree(), new ImpossibleTravel(), new VelocityBurst(),
            new AccountTakeover(), new MuleAccount(), new Structuring(), new CompromisedTerminal(), new BustOut(),
            new RefundAbuse());

    static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** 3 to 8 online probes under 5.00 at 15 to 60 s intervals, then a purchase of 500 to 3,000 abroad 1 to 4 minutes later. */
    final class CardTesting implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("probes", 3, 8, "probe purchases"),
                    Parameter.of("probe_gap_s", 15, 60, "seconds between probes"),
                    Parameter.of("big_after_min", 1, 4, "minutes from the last probe to the big purchase"),
                    Parameter.of("big_amount", 500, 2999, "the big purchase"));
        }

        public String name() {
            return "card_testing";
        }

        public void inject(FraudCase c) {
            long t = c.start(HOUR, HOUR);
            Merchant probeShop = c.world.onlineMerchantOf(new int[] {5815}, c.random);
            long probes = c.draw("probes");
            for (long i = 0; i < probes; i++) {
                c.txn(t, 50 + c.random.nextInt(449), probeShop, probeShop.city());
                t += c.draw("probe_gap_s") * 1000L;
            }
            Merchant big;
            do {
                big = c.world.onlineMerchantOf(World.HIGH_RISK_MCCS, c.random);
            } while (big.city().country().equals(probeShop.city().country()));
            c.txn(t + c.draw("big_after_min") * MINUTE, c.cents("big_amount"), big, big.city());
        }
    }

    /** A stolen card spent online at night: 3 to 6 purchases of 250 to 1,500, 5 to 12 minutes apart, starting between 00:00 and 03:00. */
    final class StolenCardSpree implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("start_hour", 0, 2, "hour (UTC) the spree starts in"),
                    Parameter.of("purchases", 3, 6, "purchases"),
                    Parameter.of("amount", 250, 1499, "each purchase"),
                    Parameter.of("gap_min", 5, 12, "minutes between purchases"));
        }

        public String name() {
            return "stolen_card_spree";
        }

        public void inject(FraudCase c) {
            long t = c.nightStart(c.parameter("start_hour"));
            long buys = c.draw("purchases");
            for (long i = 0; i < buys; i++) {
                Merchant m = c.world.onlineMerchantOf(World.HIGH_RISK_MCCS, c.random);
                c.txn(t, c.cents("amount"), m, m.city());
                t += c.draw("gap_min") * MINUTE;
            }
        }
    }

    /** A cloned card used in person 20 to 90 minutes after the genuine card, at least 1,500 km away in another country. */
    final class ImpossibleTravel implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("distance_km", 1500, 1500, "least distance from home to the cloned card's city"),
                    Parameter.of("after_min", 20, 89, "minutes from the genuine purchase to the first cloned one"),
                    Parameter.of("uses", 1, 3, "cloned-card purchases"),
                    Parameter.of("amount", 80, 899, "each cloned-card purchase"));
        }

        public String name() {
            return "impossible_travel";
        }

        public void inject(FraudCase c) {
            long t = c.start(HOUR, 3 * HOUR);
            City home = c.victim.home();
            Merchant local = c.world.randomLocalMerchant(home, c.random);
            // The genuine purchase is the customer's own, so it is labelled legitimate.
            c.add(new SimEvent.Txn(c.id("t"), c.victim.card(), c.victim.account(), t, 1000 + c.random.nextInt(11_000), local.id(),
                    local.mcc(), home.country(), home.lat(), home.lon(), "pos", null, true,
                    Label.LEGITIMATE));
            City far = c.world.farCity(home, c.parameter("distance_km").lo(), c.random);
            long u = t + c.draw("after_min") * MINUTE;
            long uses = c.draw("uses");
            for (long i = 0; i < uses; i++) {
                c.txn(u, c.cents("amount"), c.world.randomLocalMerchant(far, c.random), far);
                u += (3 + c.random.nextInt(20)) * MINUTE;
            }
        }
    }

    /** 6 to 12 purchases of 150 to 600 in under 8 minutes, in person and online. */
    final class VelocityBurst implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("purchases", 6, 12, "purchases"),
                    Parameter.of("amount", 150, 599, "each purchase"),
                    Parameter.of("gap_s", 10, 39, "seconds between purchases"));
        }

        public String name() {
            return "velocity_burst";
        }

        public void inject(FraudCase c) {
            long t = c.start(HOUR, HOUR);
            long buys = c.draw("purchases");
            for (long i = 0; i < buys; i++) {
                Merchant m = c.random.nextBoolean() ? c.world.randomLocalMerchant(c.victim.home(), c.random)
                        : c.world.randomOnlineMerchant(c.random);
                c.txn(t, c.cents("amount"), m, c.victim.home());
                t += c.draw("gap_s") * 1000L;
            }
        }
    }

    /**
     * Online banking taken over: a new device, a password reset 1 to 5 minutes later, a new payee 2 to
     * 8 minutes after that, and a transfer of 1,000 to 9,000 to it 2 to 10 minutes later; the device
     * never logs in.
     */
    final class AccountTakeover implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("reset_after_min", 1, 5, "minutes from the new device to the password reset"),
                    Parameter.of("payee_after_min", 2, 8, "minutes from the reset to the new payee"),
                    Parameter.of("transfer_after_min", 2, 10, "minutes from the payee to the transfer"),
                    Parameter.of("amount", 1000, 8999, "the transfer"));
        }

        public String name() {
            return "account_takeover";
        }

        public void inject(FraudCase c) {
            c.keyedBy("account_id", c.victim.account());
            long t = c.start(HOUR, HOUR);
            String device = "dev-" + c.id;
            String payee = "payee-" + c.id;
            c.add(new SimEvent.DeviceAdded(c.id("e"), c.victim.account(), t, device, c.label));
            t += c.draw("reset_after_min") * MINUTE;
            c.add(new SimEvent.PasswordReset(c.id("e"), c.victim.account(), t, c.random.nextBoolean() ? "web" : "call_centre",
                    c.label));
            t += c.draw("payee_after_min") * MINUTE;
            c.add(new SimEvent.PayeeAdded(c.id("e"), c.victim.account(), t, payee, c.label));
            t += c.draw("transfer_after_min") * MINUTE;
            c.add(new SimEvent.Posting(false, c.id("p"), c.victim.account(), t, c.cents("amount"), payee, "transfer",
                    c.label));
        }
    }

    /**
     * A mule account: 4 to 10 transfers in (200 to 2,500 each) from unrelated senders over 2 to 30
     * hours, then 85 to 97 % of the total taken out (cash or transfer) within 48 hours of the first.
     */
    final class MuleAccount implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("credits", 4, 10, "transfers in"),
                    Parameter.of("credit_amount", 200, 2499, "each transfer in"),
                    Parameter.of("spread_h", 2, 30, "hours the transfers in spread over"),
                    Parameter.of("cash_out_after_h", 1, 12, "hours from the last transfer in to the cash-out"),
                    Parameter.of("cash_out_percent", 85, 97, "share of the total taken out"));
        }

        public String name() {
            return "mule_account";
        }

        public void inject(FraudCase c) {
            c.keyedBy("account_id", c.victim.account());
            long first = c.start(HOUR, 48 * HOUR);
            long credits = c.draw("credits");
            long span = c.draw("spread_h") * HOUR;
            long total = 0;
            long last = first;
            for (long i = 0; i < credits; i++) {
                long at = first + (i == 0 ? 0 : (long) (c.random.nextDouble() * span));
                last = Math.max(last, at);
                long cents = c.cents("credit_amount");
                total += cents;
                c.add(new SimEvent.Posting(true, c.id("p"), c.victim.account(), at, cents, "sender-" + c.id + "-" + i,
                        "transfer", c.label));
            }
            long out = Math.min(first + 47 * HOUR, last + c.draw("cash_out_after_h") * HOUR);
            c.add(new SimEvent.Posting(false, c.id("p"), c.victim.account(), out, total * c.draw("cash_out_percent") / 100,
                    "cashout-" + c.id, c.random.nextBoolean() ? "cash" : "transfer", c.label));
        }
    }

    /** 3 to 5 cash deposits of 8,000 to 9,900, just under a 10,000 reporting limit, within 6 days. */
    final class Structuring implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("deposits", 3, 5, "cash deposits"),
                    Parameter.of("amount", 8000, 9899, "each deposit"),
                    Parameter.of("gap_h", 2, 29, "hours between deposits"));
        }

        public String name() {
            return "structuring";
        }

        public void inject(FraudCase c) {
            c.keyedBy("account_id", c.victim.account());
            long t = c.start(HOUR, 6 * DAY);
            long deposits = c.draw("deposits");
            for (long i = 0; i < deposits; i++) {
                c.add(new SimEvent.Posting(true, c.id("p"), c.victim.account(), t, c.cents("amount"),
                        "branch-" + c.victim.home().country(), "cash", c.label));
                t += c.draw("gap_h") * HOUR;
            }
        }
    }

    /**
     * A skimmed terminal: for 14 to 28 days every card transaction at one merchant (one of the
     * victim's usual ones, so it has traffic) is fraud, as in the Fraud-Detection-Handbook.
     */
    final class CompromisedTerminal implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("days", 14, 28, "days the terminal stays compromised"));
        }

        public String name() {
            return "compromised_terminal";
        }

        public void inject(FraudCase c) {
            Merchant m = c.world.merchants[c.victim.usualMerchants()[0]];
            c.keyedBy("merchant_id", m.id());
            long from = c.start(0, DAY);
            long to = Math.min(c.periodEnd(), from + c.draw("days") * DAY);
            c.compromise(m.id(), from, to);
            c.txn(from + MINUTE, LegitimateTraffic.amount(c.victim, m.mcc(), c.random), m, m.city());
        }
    }

    /**
     * Bust-out: late in the period, after the customer's good behaviour so far, 6 to 15 purchases of
     * 800 to 4,000 at high-risk web shops and cash withdrawals of 400 to 1,000 within 36 hours.
     */
    final class BustOut implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("purchases", 6, 15, "purchases and withdrawals"),
                    Parameter.of("amount", 800, 3999, "each purchase"),
                    Parameter.of("span_h", 36, 36, "hours the bust-out lasts"));
        }

        public String name() {
            return "bust_out";
        }

        public void inject(FraudCase c) {
            long t = c.periodEnd() - 2 * DAY - (long) (c.random.nextDouble() * c.periodLength() / 5);
            long buys = c.draw("purchases");
            long span = c.parameter("span_h").lo() * HOUR;
            for (long i = 0; i < buys; i++) {
                long at = t + (long) (c.random.nextDouble() * span);
                if (c.random.nextInt(4) == 0) {
                    City home = c.victim.home();
                    c.add(new SimEvent.Txn(c.id("t"), c.victim.card(), c.victim.account(), at, (4 + c.random.nextInt(7)) * 10_000L,
                            "atm-" + home.country() + "-" + c.random.nextInt(50), 6011, home.country(), home.lat(), home.lon(),
                            "atm", null, true, c.label));
                } else {
                    c.txn(at, c.cents("amount"), c.world.onlineMerchantOf(World.HIGH_RISK_MCCS, c.random), c.victim.home());
                }
            }
        }
    }

    /** 4 to 6 refunds of 150 to 600 at different merchants within 5 days, for purchases never made. */
    final class RefundAbuse implements Scenario {
        public List<Parameter> parameters() {
            return List.of(Parameter.of("refunds", 4, 6, "refunds"),
                    Parameter.of("amount", 150, 599, "each refund"),
                    Parameter.of("gap_h", 1, 24, "hours between refunds"));
        }

        public String name() {
            return "refund_abuse";
        }

        public void inject(FraudCase c) {
            long t = c.start(HOUR, 5 * DAY);
            long refunds = c.draw("refunds");
            for (long i = 0; i < refunds; i++) {
                Merchant m = c.world.randomOnlineMerchant(c.random);
                c.add(new SimEvent.Refund(c.id("r"), c.victim.card(), c.victim.account(), t, c.cents("amount"), m.id(), c.label));
                t += c.draw("gap_h") * HOUR;
            }
        }
    }
}
