package dev.vigil.simulator.generate;

import java.util.List;

/** A place customers live in and merchants trade from. */
record City(String name, String country, double lat, double lon, double weight) {

    /**
     * Where the simulated customers live, weighted by share of customers: mostly North America and
     * Western Europe, with pairs of cities close enough for a weekend trip and far enough apart
     * (over 1,000 km) for a naive impossible-travel rule to fire on a short flight.
     */
    static final List<City> ALL = List.of(
            new City("New York", "US", 40.7128, -74.0060, 10),
            new City("Boston", "US", 42.3601, -71.0589, 4),
            new City("Chicago", "US", 41.8781, -87.6298, 6),
            new City("Atlanta", "US", 33.7490, -84.3880, 4),
            new City("Miami", "US", 25.7617, -80.1918, 4),
            new City("Dallas", "US", 32.7767, -96.7970, 5),
            new City("Denver", "US", 39.7392, -104.9903, 3),
            new City("Los Angeles", "US", 34.0522, -118.2437, 8),
            new City("San Francisco", "US", 37.7749, -122.4194, 5),
            new City("Seattle", "US", 47.6062, -122.3321, 3),
            new City("Toronto", "CA", 43.6532, -79.3832, 4),
            new City("Montreal", "CA", 45.5019, -73.5674, 2),
            new City("Vancouver", "CA", 49.2827, -123.1207, 2),
            new City("Mexico City", "MX", 19.4326, -99.1332, 3),
            new City("London", "GB", 51.5074, -0.1278, 8),
            new City("Manchester", "GB", 53.4808, -2.2426, 3),
            new City("Dublin", "IE", 53.3498, -6.2603, 2),
            new City("Paris", "FR", 48.8566, 2.3522, 5),
            new City("Lyon", "FR", 45.7640, 4.8357, 2),
            new City("Berlin", "DE", 52.5200, 13.4050, 4),
            new City("Munich", "DE", 48.1351, 11.5820, 3),
            new City("Madrid", "ES", 40.4168, -3.7038, 3),
            new City("Barcelona", "ES", 41.3874, 2.1686, 2),
            new City("Rome", "IT", 41.9028, 12.4964, 3),
            new City("Amsterdam", "NL", 52.3676, 4.9041, 2),
            new City("Stockholm", "SE", 59.3293, 18.0686, 1),
            new City("Warsaw", "PL", 52.2297, 21.0122, 1),
            new City("Lisbon", "PT", 38.7223, -9.1393, 1),
            new City("Istanbul", "TR", 41.0082, 28.9784, 1),
            new City("Lagos", "NG", 6.5244, 3.3792, 0.5),
            new City("Sao Paulo", "BR", -23.5505, -46.6333, 1),
            new City("Singapore", "SG", 1.3521, 103.8198, 0.5),
            new City("Tokyo", "JP", 35.6762, 139.6503, 0.5),
            new City("Sydney", "AU", -33.8688, 151.2093, 0.5));

    /** Great-circle distance in kilometres (haversine, mean Earth radius). */
    double kmTo(City o) {
        double p1 = Math.toRadians(lat), p2 = Math.toRadians(o.lat);
        double dp = p2 - p1, dl = Math.toRadians(o.lon - lon);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
    }
}
