package dev.vigil.simulator.generate;

/** A merchant (one terminal or web shop): where it trades, what it sells, which channel it takes. */
record Merchant(String id, int mcc, City city, boolean online, double lat, double lon) {}
