package dev.vigil.simulator.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated population, built from the seed: merchants in every city (a few web shops take
 * most online traffic), and customers with their homes, habits and usual merchants.
 */
final class World {
    /** A merchant category: its code, how common it is, how its tickets compare with the median, its channel. */
    private record Category(int mcc, double weight, double ticket, boolean online) {}

    private static final List<Category> CATEGORIES = List.of(
            new Category(5411, 20, 1.0, false),  // grocery
            new Category(5812, 14, 1.3, false),  // restaurants
            new Category(5814, 10, 0.35, false), // fast food, coffee
            new Category(5541, 9, 1.4, false),   // fuel
            new Category(5912, 5, 0.8, false),   // pharmacy
            new Category(5311, 6, 2.0, false),   // department stores
            new Category(4121, 5, 0.7, false),   // taxis
            new Category(7011, 2, 5.0, false),   // hotels
            new Category(5691, 5, 2.0, false),   // clothing
            new Category(5732, 3, 4.0, true),    // electronics
            new Category(5999, 9, 1.0, true),    // online retail
            new Category(5942, 3, 0.7, true),    // books
            new Category(4511, 1, 8.0, true),    // airlines
            new Category(5815, 4, 0.4, true),    // digital goods
            new Category(7995, 0.4, 2.0, true),  // gambling
            new Category(6051, 0.3, 4.0, true),  // quasi-cash, crypto
            new Category(4829, 0.4, 3.0, true),  // money transfer
            new Category(6211, 0.2, 6.0, true)); // securities

    /** Categories where stolen cards are spent: resellable goods and cash-like. */
    static final int[] HIGH_RISK_MCCS = {5732, 6051, 4829, 7995};

    final List<City> cities = City.ALL;
    final Merchant[] merchants;
    final int[][] merchantsByCity;
    final int[] onlineMerchants;
    final Customer[] customers;
    private final double[] cityCdf;
    private final double[] onlineCdf;

    World(SimulationConfig config) {
        SplittableRandom r = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 17);
        cityCdf = cdf(cities.stream().mapToDouble(City::weight).toArray());
        double[] categoryCdf = cdf(CATEGORIES.stream().mapToDouble(Category::weight).toArray());
        int count = Math.max(400, config.cards() / 8);
        merchants = new Merchant[count];
        List<List<Integer>> byCity = new ArrayList<>();
        for (int c = 0; c < cities.size(); c++) {
            byCity.add(new ArrayList<>());
        }
        List<Integer> online = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Every city gets a few merchants of its own before the weights take over.
            City city = i < cities.size() * 4 ? cities.get(i % cities.size()) : cities.get(pick(cityCdf, r));
            Category cat = i < cities.size() * 4 ? CATEGORIES.get(i % 9) : CATEGORIES.get(pick(categoryCdf, r));
            double lat = city.lat() + (r.nextDouble() - 0.5) * 0.2;
            double lon = city.lon() + (r.nextDouble() - 0.5) * 0.2;
            merchants[i] = new Merchant("m" + i, cat.mcc(), city, cat.online(), lat, lon);
            if (cat.online()) {
                online.add(i);
            } else {
                byCity.get(cities.indexOf(city)).add(i);
            }
        }
        merchantsByCity = byCity.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        onlineMerchants = online.stream().mapToInt(Integer::intValue).toArray();
        // Zipf-like popularity: the first web shops take most of the online traffic.
        double[] popularity = new double[onlineMerchants.length];
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] = 1.0 / Math.pow(i + 1, 1.1);
        }
        onlineCdf = cdf(popularity);
        customers = new Customer[config.cards()];
        for (int i = 0; i < customers.length; i++) {
            customers[i] = customer(i, r);
        }
    }

    private Customer customer(int i, SplittableRandom r) {
        City home = cities.get(pick(cityCdf, r));
        // Transactions a day: log-normal around 1.2; one customer in a thousand is a hot key.
        double rate = r.nextInt(1000) == 0 ? 40 + r.nextInt(120) : Math.min(25, Math.exp(Math.log(1.2) + 0.8 * r.nextGaussian()));
        double median = Math.max(400, Math.exp(Math.log(3500) + 0.5 * r.nextGaussian()));
        int[] local = merchantsByCity[cities.indexOf(home)];
        int[] usual = new int[4 + r.nextInt(7)];
        for (int k = 0; k < usual.length; k++) {
            usual[k] = local[r.nextInt(local.length)];
        }
        boolean business = r.nextInt(200) == 0;
        return new Customer(i, "c" + i, "a" + i, home, rate, median, 0.9, usual, "d" + i, business, 1 + r.nextInt(28));
    }

    Merchant randomLocalMerchant(City city, SplittableRandom r) {
        int[] local = merchantsByCity[cities.indexOf(city)];
        return merchants[local[r.nextInt(local.length)]];
    }

    Merchant randomOnlineMerchant(SplittableRandom r) {
        return merchants[onlineMerchants[pick(onlineCdf, r)]];
    }

    /** An online merchant of one of the given categories, or any online merchant if none has one. */
    Merchant onlineMerchantOf(int[] mccs, SplittableRandom r) {
        for (int attempt = 0; attempt < 200; attempt++) {
            Merchant m = merchants[onlineMerchants[r.nextInt(onlineMerchants.length)]];
            for (int mcc : mccs) {
                if (m.mcc() == mcc) {
                    return m;
                }
            }
        }
        return randomOnlineMerchant(r);
    }

    City randomCity(SplittableRandom r) {
        return cities.get(pick(cityCdf, r));
    }

    /** A city at least {@code km} away from {@code from}. */
    City farCity(City from, double km, SplittableRandom r) {
        for (int attempt = 0; attempt < 100; attempt++) {
            City c = cities.get(r.nextInt(cities.size()));
            if (c.kmTo(from) >= km && !c.country().equals(from.country())) {
                return c;
            }
        }
        return cities.stream().filter(c -> c.kmTo(from) >= km).findFirst().orElseThrow();
    }

    /** How a category's tickets compare with a customer's median. */
    static double ticket(int mcc) {
        for (Category c : CATEGORIES) {
            if (c.mcc() == mcc) {
                return c.ticket();
            }
        }
        return 1.0;
    }

    static double[] cdf(double[] weights) {
        double[] cdf = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cdf[i] = sum;
        }
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    static int pick(double[] cdf, SplittableRandom r) {
        double x = r.nextDouble();
        int lo = 0, hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
