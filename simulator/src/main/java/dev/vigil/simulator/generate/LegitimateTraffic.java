package dev.vigil.simulator.generate;

import static dev.vigil.simulator.generate.SimulationConfig.DAY;
import static dev.vigil.simulator.generate.SimulationConfig.HOUR;
import static dev.vigil.simulator.generate.SimulationConfig.MINUTE;

import dev.vigil.simulator.event.Label;
import dev.vigil.simulator.event.SimEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * A day in the life of one customer, none of it fraud: card purchases through the day and week
 * (log-normal amounts around the customer's median, usual merchants, card present, online and
 * cash), a trip now and then (with the flight, which a naive impossible-travel rule mistakes for
 * fraud), refunds, online-banking sessions and new devices, salary, bills and cash deposits, and
 * for small businesses many transfers in and out.
 */
final class LegitimateTraffic {
    /** Relative card activity by hour of the day (UTC is everyone's local time here): quiet nights, busy evenings. */
    private static final double[] HOURS = {0.6, 0.35, 0.25, 0.2, 0.2, 0.35, 0.8, 1.6, 2.6, 3.2, 3.8, 4.6, 5.6, 5.0,
            4.4, 4.2, 4.6, 5.4, 6.0, 5.8, 4.6, 3.4, 2.2, 1.2};
    private static final double[] HOUR_CDF = World.cdf(HOURS);

    private final World world;
    private final SimulationConfig config;
    private final Timeline out;

    LegitimateTraffic(World world, SimulationConfig config, Timeline out) {
        this.world = world;
        this.config = config;
        this.out = out;
    }

    /** The date of a simulated day, looked up once per day rather than once per customer. */
    private java.time.LocalDate calendar(int day) {
        if (day != calendarDay) {
            calendarDay = day;
            calendarDate = Instant.ofEpochMilli(out.dayStart(day)).atZone(ZoneOffset.UTC).toLocalDate();
        }
        return calendarDate;
    }

    private int calendarDay = -1;
    private java.time.LocalDate calendarDate;

    /** One trip at most per customer in the period: when, for how long, and where. */
    private record Trip(int firstDay, int lastDay, City to) {}

    private Trip trip(Customer c) {
        SplittableRandom r = random(c, -1);
        if (r.nextDouble() >= Math.min(0.5, config.days() * 0.004)) {
            return null;
        }
        int first = r.nextInt(config.days());
        City to = world.randomCity(r);
        return to.equals(c.home()) ? null : new Trip(first, first + 1 + r.nextInt(6), to);
    }

    private SplittableRandom random(Customer c, int day) {
        return new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L ^ ((long) c.index() << 20) ^ (day + 7L) * 0xC2B2AE3D27D4EB4FL);
    }

    void day(Customer c, int day) {
        SplittableRandom r = random(c, day);
        long dayStart = out.dayStart(day);
        Trip trip = trip(c);
        boolean away = trip != null && day >= trip.firstDay() && day <= trip.lastDay();
        City here = away ? trip.to() : c.home();
        if (trip != null && day == trip.firstDay()) {
            fly(c, trip.to(), dayStart, r);
        }
        DayOfWeek weekday = calendar(day).getDayOfWeek();
        double weekly = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 1.15 : 0.97;
        int n = poisson(c.txnsPerDay() * weekly, r);
        for (int i = 0; i < n; i++) {
            purchase(c, here, away, dayStart + timeOfDay(r), r);
        }
        banking(c, dayStart, away ? here : c.home(), day, r);
    }

    private void purchase(Customer c, City here, boolean away, long time, SplittableRandom r) {
        double channel = r.nextDouble();
        if (channel < 0.05) {
            // Cash at an ATM: round amounts.
            long cents = (1 + r.nextInt(15)) * 2000L;
            out.add(new SimEvent.Txn(out.id("t"), c.card(), c.account(), time, cents, "atm-" + here.country() + "-"
                    + r.nextInt(50), 6011, here.country(), here.lat(), here.lon(), "atm", null, true, Label.LEGITIMATE));
            return;
        }
        boolean online = channel < (away ? 0.15 : 0.35);
        Merchant m;
        if (online) {
            m = world.randomOnlineMerchant(r);
        } else if (!away && r.nextDouble() < 0.8) {
            m = world.merchants[c.usualMerchants()[r.nextInt(c.usualMerchants().length)]];
        } else {
            m = world.randomLocalMerchant(here, r);
        }
        long cents = amount(c, m.mcc(), r);
        // Declines: now and then, more often for large amounts.
        boolean approved = r.nextDouble() >= (cents > 100_000 ? 0.08 : 0.015);
        City at = online ? m.city() : here;
        double lat = online ? m.lat() : at.lat() + (m.lat() - m.city().lat());
        double lon = online ? m.lon() : at.lon() + (m.lon() - m.city().lon());
        SimEvent.Txn t = new SimEvent.Txn(out.id("t"), c.card(), c.account(), time, cents, m.id(), m.mcc(),
                at.country(), lat, lon, online ? "online" : "pos", online ? c.device() : null, approved, Label.LEGITIMATE);
        out.add(t);
        if (approved && r.nextDouble() < 0.01) {
            long back = r.nextBoolean() ? cents : Math.max(100, cents * (20 + r.nextInt(60)) / 100);
            out.add(new SimEvent.Refund(out.id("r"), c.card(), c.account(), time + DAY + r.nextInt(9) * DAY
                    + r.nextInt((int) DAY), back, m.id(), Label.LEGITIMATE));
        }
    }

    /** The day a trip starts: a purchase at the home airport, then one on arrival after the flight. */
    private void fly(Customer c, City to, long dayStart, SplittableRandom r) {
        long departure = dayStart + 6 * HOUR + r.nextInt(10) * HOUR;
        Merchant shop = world.randomLocalMerchant(c.home(), r);
        out.add(new SimEvent.Txn(out.id("t"), c.card(), c.account(), departure - 40 * MINUTE, amount(c, 5814, r),
                shop.id(), 5814, c.home().country(), c.home().lat(), c.home().lon(), "pos", null, true, Label.LEGITIMATE));
        // Flight time: about 800 km an hour plus half an hour on the ground.
        long flight = (long) (c.home().kmTo(to) / 800.0 * HOUR) + 30 * MINUTE;
        Merchant there = world.randomLocalMerchant(to, r);
        out.add(new SimEvent.Txn(out.id("t"), c.card(), c.account(), departure + flight + r.nextInt(20) * MINUTE,
                amount(c, 4121, r), there.id(), there.mcc(), to.country(), to.lat(), to.lon(), "pos", null, true,
                Label.LEGITIMATE));
    }

    private void banking(Customer c, long dayStart, City where, int day, SplittableRandom r) {
        int logins = poisson(0.6, r);
        for (int i = 0; i < logins; i++) {
            out.add(new SimEvent.Login(out.id("e"), c.account(), dayStart + timeOfDay(r), c.device(), where.country(),
                    r.nextDouble() >= 0.03, Label.LEGITIMATE));
        }
        if (r.nextDouble() < 0.002) {
            // A new phone: added, then (usually within minutes) logged in with.
            long at = dayStart + timeOfDay(r);
            String device = c.device() + "-" + day;
            out.add(new SimEvent.DeviceAdded(out.id("e"), c.account(), at, device, Label.LEGITIMATE));
            long delay = r.nextDouble() < 0.85 ? (1 + r.nextInt(9)) * MINUTE : (15 + r.nextInt(240)) * MINUTE;
            out.add(new SimEvent.Login(out.id("e"), c.account(), at + delay, device, where.country(), true, Label.LEGITIMATE));
        }
        if (r.nextDouble() < 0.0005) {
            out.add(new SimEvent.PasswordReset(out.id("e"), c.account(), dayStart + timeOfDay(r),
                    r.nextBoolean() ? "app" : "web", Label.LEGITIMATE));
        }
        if (r.nextDouble() < 0.002) {
            long at = dayStart + timeOfDay(r);
            String payee = "payee-" + c.index() + "-" + day;
            out.add(new SimEvent.PayeeAdded(out.id("e"), c.account(), at, payee, Label.LEGITIMATE));
            out.add(new SimEvent.Posting(false, out.id("p"), c.account(), at + (10 + r.nextInt(2000)) * MINUTE,
                    amount(c, 5311, r) * 3, payee, "transfer", Label.LEGITIMATE));
        }
        long dayOfMonth = calendar(day).getDayOfMonth();
        if (dayOfMonth == c.payday()) {
            out.add(new SimEvent.Posting(true, out.id("p"), c.account(), dayStart + 2 * HOUR, (long) (c.medianCents() * 60),
                    "employer-" + c.index() % 997, "transfer", Label.LEGITIMATE));
        }
        if (day % 7 == c.payday() % 7) {
            out.add(new SimEvent.Posting(false, out.id("p"), c.account(), dayStart + 9 * HOUR + r.nextInt(8) * HOUR,
                    (long) (c.medianCents() * (2 + r.nextInt(6))), "utility-" + r.nextInt(40), "transfer", Label.LEGITIMATE));
        }
        if (r.nextDouble() < 0.01) {
            out.add(new SimEvent.Posting(true, out.id("p"), c.account(), dayStart + timeOfDay(r),
                    (2 + r.nextInt(150)) * 1000L, "branch-" + where.country(), "cash", Label.LEGITIMATE));
        }
        if (c.business()) {
            // Customers pay in through the day; suppliers are paid most of it the next morning.
            int in = 3 + r.nextInt(12);
            long total = 0;
            for (int i = 0; i < in; i++) {
                long cents = 10_000 + r.nextInt(290_000);
                total += cents;
                out.add(new SimEvent.Posting(true, out.id("p"), c.account(), dayStart + timeOfDay(r), cents,
                        "client-" + r.nextInt(100_000), "transfer", Label.LEGITIMATE));
            }
            out.add(new SimEvent.Posting(false, out.id("p"), c.account(), dayStart + DAY + 8 * HOUR + r.nextInt(60) * MINUTE,
                    total * (50 + r.nextInt(41)) / 100, "supplier-" + c.index() % 313, "transfer", Label.LEGITIMATE));
        }
    }

    /** A log-normal amount around the customer's median, scaled for the category; at least 0.50. */
    static long amount(Customer c, int mcc, SplittableRandom r) {
        double x = c.medianCents() * World.ticket(mcc) * Math.exp(c.sigma() * r.nextGaussian());
        return Math.max(50, Math.round(x));
    }

    static long timeOfDay(SplittableRandom r) {
        return World.pick(HOUR_CDF, r) * HOUR + (long) (r.nextDouble() * HOUR);
    }

    static int poisson(double mean, SplittableRandom r) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }
}
