package dev.vigil.simulator.generate;

import static dev.vigil.simulator.generate.SimulationConfig.DAY;
import static dev.vigil.simulator.generate.SimulationConfig.HOUR;
import static dev.vigil.simulator.generate.SimulationConfig.MINUTE;

import dev.vigil.simulator.event.SimEvent;
import java.util.List;
import java.util.Optional;

/**
 * A kind of fraud the simulator injects. Each writes the events of one case; docs/simulator.md
 * describes them and the starter rule each is meant for. Times and amounts are drawn from the
 * case's own random stream within the ranges written here.
 */
public sealed interface Scenario {
    /** The scenario's name in labels, on the command line and in the docs. */
    String name();

    void inject(FraudCase c);

    List<Scenario> ALL = List.of(new CardTesting(), new StolenCardSpree(), new ImpossibleTravel(), new VelocityBurst(),
            new AccountTakeover(), new MuleAccount(), new Structuring(), new CompromisedTerminal(), new BustOut(),
            new RefundAbuse());

    static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** 3 to 8 online probes under 5.00 at 15 to 60 s intervals, then a purchase of 500 to 3,000 abroad 1 to 5 minutes later. */
    final class CardTesting implements Scenario {
        public String name() {
            return "card_testing";
        }

        public void inject(FraudCase c) {
            long t = c.start(HOUR, HOUR);
            Merchant probeShop = c.world.onlineMerchantOf(new int[] {5815}, c.random);
            int probes = 3 + c.random.nextInt(6);
            for (int i = 0; i < probes; i++) {
                c.txn(t, 50 + c.random.nextInt(449), probeShop, probeShop.city());
                t += (15 + c.random.nextInt(46)) * 1000L;
            }
            Merchant big;
            do {
                big = c.world.onlineMerchantOf(World.HIGH_RISK_MCCS, c.random);
            } while (big.city().country().equals(probeShop.city().country()));
            c.txn(t + (1 + c.random.nextInt(4)) * MINUTE, c.cents(500, 3000), big, big.city());
        }
    }

    /** A stolen card spent online at night: 3 to 6 purchases of 250 to 1,500, 5 to 12 minutes apart, starting between 00:00 and 03:00. */
    final class StolenCardSpree implements Scenario {
        public String name() {
            return "stolen_card_spree";
        }

        public void inject(FraudCase c) {
            long t = c.nightStart(0, 3);
            int buys = 3 + c.random.nextInt(4);
            for (int i = 0; i < buys; i++) {
                Merchant m = c.world.onlineMerchantOf(World.HIGH_RISK_MCCS, c.random);
                c.txn(t, c.cents(250, 1500), m, m.city());
                t += (5 + c.random.nextInt(8)) * MINUTE;
            }
        }
    }

    /** A cloned card used in person 20 to 90 minutes after the genuine card, at least 1,500 km away in another country. */
    final class ImpossibleTravel implements Scenario {
        public String name() {
            return "impossible_travel";
        }

        public void inject(FraudCase c) {
            long t = c.start(HOUR, 3 * HOUR);
            City home = c.victim.home();
            Merchant local = c.world.randomLocalMerchant(home, c.random);
            // The genuine purchase is the customer's own, so it is labelled legitimate.
            c.add(new SimEvent.Txn(c.id("t"), c.victim.card(), c.victim.account(), t, c.cents(10, 120), local.id(),
                    local.mcc(), home.country(), home.lat(), home.lon(), "pos", null, true,
                    dev.vigil.simulator.event.Label.LEGITIMATE));
            City far = c.world.farCity(home, 1500, c.random);
            long u = t + (20 + c.random.nextInt(70)) * MINUTE;
            int uses = 1 + c.random.nextInt(3);
            for (int i = 0; i < uses; i++) {
                c.txn(u, c.cents(80, 900), c.world.randomLocalMerchant(far, c.random), far);
                u += (3 + c.random.nextInt(20)) * MINUTE;
            }
        }
    }

    /** 6 to 12 purchases of 150 to 600 in under 8 minutes, in person and online. */
    final class VelocityBurst implements Scenario {
        public String name() {
            return "velocity_burst";
        }

        public void inject(FraudCase c) {
            long t = c.start(HOUR, HOUR);
            int buys = 6 + c.random.nextInt(7);
            for (int i = 0; i < buys; i++) {
                Merchant m = c.random.nextBoolean() ? c.world.randomLocalMerchant(c.victim.home(), c.random)
                        : c.world.randomOnlineMerchant(c.random);
                c.txn(t, c.cents(150, 600), m, c.victim.home());
                t += (10 + c.random.nextInt(30)) * 1000L;
            }
        }
    }

    /**
     * Online banking taken over: a new device, a password reset 1 to 5 minutes later, a new payee 2 to
     * 8 minutes after that, and a transfer of 1,000 to 9,000 to it 2 to 10 minutes later; the device
     * never logs in.
     */
    final class AccountTakeover implements Scenario {
        public String name() {
            return "account_takeover";
        }

        public void inject(FraudCase c) {
            c.keyedBy("account_id", c.victim.account());
            long t = c.start(HOUR, HOUR);
            String device = "dev-" + c.id;
            String payee = "payee-" + c.id;
            c.add(new SimEvent.DeviceAdded(c.id("e"), c.victim.account(), t, device, c.label));
            t += (1 + c.random.nextInt(5)) * MINUTE;
            c.add(new SimEvent.PasswordReset(c.id("e"), c.victim.account(), t, c.random.nextBoolean() ? "web" : "call_centre",
                    c.label));
            t += (2 + c.random.nextInt(7)) * MINUTE;
            c.add(new SimEvent.PayeeAdded(c.id("e"), c.victim.account(), t, payee, c.label));
            t += (2 + c.random.nextInt(9)) * MINUTE;
            c.add(new SimEvent.Posting(false, c.id("p"), c.victim.account(), t, c.cents(1000, 9000), payee, "transfer",
                    c.label));
        }
    }

    /**
     * A mule account: 4 to 10 transfers in (200 to 2,500 each) from unrelated senders over 2 to 30
     * hours, then 85 to 97 % of the total taken out (cash or transfer) within 48 hours of the first.
     */
    final class MuleAccount implements Scenario {
        public String name() {
            return "mule_account";
        }

        public void inject(FraudCase c) {
            c.keyedBy("account_id", c.victim.account());
            long first = c.start(HOUR, 48 * HOUR);
            int credits = 4 + c.random.nextInt(7);
            long span = (2 + c.random.nextInt(29)) * HOUR;
            long total = 0;
            long last = first;
            for (int i = 0; i < credits; i++) {
                long at = first + (i == 0 ? 0 : (long) (c.random.nextDouble() * span));
                last = Math.max(last, at);
                long cents = c.cents(200, 2500);
                total += cents;
                c.add(new SimEvent.Posting(true, c.id("p"), c.victim.account(), at, cents, "sender-" + c.id + "-" + i,
                        "transfer", c.label));
            }
            long out = Math.min(first + 47 * HOUR, last + (1 + c.random.nextInt(12)) * HOUR);
            c.add(new SimEvent.Posting(false, c.id("p"), c.victim.account(), out, total * (85 + c.random.nextInt(13)) / 100,
                    "cashout-" + c.id, c.random.nextBoolean() ? "cash" : "transfer", c.label));
        }
    }

    /** 3 to 5 cash deposits of 8,000 to 9,900, just under a 10,000 reporting limit, within 6 days. */
    final class Structuring implements Scenario {
        public String name() {
            return "structuring";
        }

        public void inject(FraudCase c) {
            c.keyedBy("account_id", c.victim.account());
            long t = c.start(HOUR, 6 * DAY);
            int deposits = 3 + c.random.nextInt(3);
            for (int i = 0; i < deposits; i++) {
                c.add(new SimEvent.Posting(true, c.id("p"), c.victim.account(), t, c.cents(8000, 9900),
                        "branch-" + c.victim.home().country(), "cash", c.label));
                t += (2 + c.random.nextInt(28)) * HOUR;
            }
        }
    }

    /**
     * A skimmed terminal: for 14 to 28 days every card transaction at one merchant (one of the
     * victim's usual ones, so it has traffic) is fraud, as in the Fraud-Detection-Handbook.
     */
    final class CompromisedTerminal implements Scenario {
        public String name() {
            return "compromised_terminal";
        }

        public void inject(FraudCase c) {
            Merchant m = c.world.merchants[c.victim.usualMerchants()[0]];
            c.keyedBy("merchant_id", m.id());
            long from = c.start(0, DAY);
            long to = Math.min(c.periodEnd(), from + (14 + c.random.nextInt(15)) * DAY);
            c.compromise(m.id(), from, to);
            c.txn(from + MINUTE, LegitimateTraffic.amount(c.victim, m.mcc(), c.random), m, m.city());
        }
    }

    /**
     * Bust-out: late in the period, after the customer's good behaviour so far, 6 to 15 purchases of
     * 800 to 4,000 at high-risk web shops and cash withdrawals of 400 to 1,000 within 36 hours.
     */
    final class BustOut implements Scenario {
        public String name() {
            return "bust_out";
        }

        public void inject(FraudCase c) {
            long t = c.periodEnd() - 2 * DAY - (long) (c.random.nextDouble() * c.periodLength() / 5);
            int buys = 6 + c.random.nextInt(10);
            for (int i = 0; i < buys; i++) {
                long at = t + (long) (c.random.nextDouble() * 36 * HOUR);
                if (c.random.nextInt(4) == 0) {
                    City home = c.victim.home();
                    c.add(new SimEvent.Txn(c.id("t"), c.victim.card(), c.victim.account(), at, (4 + c.random.nextInt(7)) * 10_000L,
                            "atm-" + home.country() + "-" + c.random.nextInt(50), 6011, home.country(), home.lat(), home.lon(),
                            "atm", null, true, c.label));
                } else {
                    c.txn(at, c.cents(800, 4000), c.world.onlineMerchantOf(World.HIGH_RISK_MCCS, c.random), c.victim.home());
                }
            }
        }
    }

    /** 4 to 6 refunds of 150 to 600 at different merchants within 5 days, for purchases never made. */
    final class RefundAbuse implements Scenario {
        public String name() {
            return "refund_abuse";
        }

        public void inject(FraudCase c) {
            long t = c.start(HOUR, 5 * DAY);
            int refunds = 4 + c.random.nextInt(3);
            for (int i = 0; i < refunds; i++) {
                Merchant m = c.world.randomOnlineMerchant(c.random);
                c.add(new SimEvent.Refund(c.id("r"), c.victim.card(), c.victim.account(), t, c.cents(150, 600), m.id(), c.label));
                t += (1 + c.random.nextInt(24)) * HOUR;
            }
        }
    }
}
