package dev.vigil.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The simplest generator of the simulator's shape, for whole-run replay benchmarks until the
 * simulator lands: {@code GenerateTransactions EVENTS CARDS OUT [SEED]} writes card transactions
 * (the starter schema's {@code Txn}) at 50 events a second of event time, spread over the cards
 * with a few hot ones, mostly small amounts with some large, and up to 20 s out of order (the
 * schema allows 30 s).
 */
public final class GenerateTransactions {
    private static final String[] COUNTRIES = {"US", "US", "US", "GB", "FR", "DE", "CA", "MX"};
    private static final String[] CHANNELS = {"pos", "pos", "online", "online", "atm"};
    private static final int[] MCCS = {5411, 5812, 5999, 5732, 4111, 7995, 6051, 5944};

    private GenerateTransactions() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: GenerateTransactions EVENTS CARDS OUT [SEED]");
            System.exit(2);
        }
        long events = Long.parseLong(args[0]);
        int cards = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        SplittableRandom r = new SplittableRandom(args.length > 3 ? Long.parseLong(args[3]) : 1);
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        StringBuilder b = new StringBuilder(320);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 20)) {
            for (long i = 0; i < events; i++) {
                // 20 ms apart on average; each event's stamp jitters up to 20 s into the past.
                long ts = start + i * 20 - (r.nextInt(10) == 0 ? r.nextInt(20_000) : 0);
                int card = r.nextInt(100) == 0 ? r.nextInt(Math.max(1, cards / 1000)) : r.nextInt(cards);
                int cents = r.nextInt(20) == 0 ? 50_000 + r.nextInt(200_000) : 100 + r.nextInt(12_000);
                b.setLength(0);
                b.append("{\"type\":\"txn\",\"txn_id\":\"t").append(i).append("\",\"card_id\":\"c").append(card)
                        .append("\",\"account_id\":\"a").append(card).append("\",\"ts\":\"").append(Instant.ofEpochMilli(ts))
                        .append("\",\"amount\":").append(cents / 100).append('.').append(cents % 100 < 10 ? "0" : "")
                        .append(cents % 100).append(",\"merchant_id\":\"m").append(r.nextInt(50_000))
                        .append("\",\"mcc\":").append(MCCS[r.nextInt(MCCS.length)])
                        .append(",\"country\":\"").append(COUNTRIES[r.nextInt(COUNTRIES.length)])
                        .append("\",\"lat\":").append(40 + r.nextInt(2000) / 100.0)
                        .append(",\"lon\":").append(-74 + r.nextInt(2000) / 100.0)
                        .append(",\"channel\":\"").append(CHANNELS[r.nextInt(CHANNELS.length)]).append("\"}\n");
                w.append(b);
            }
        }
        System.out.println("wrote " + events + " transactions over " + cards + " cards to " + out);
    }
}
