package dev.vigil.simulator.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.simulator.event.SimEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Writes a labelled stream as NDJSON: builds the {@link World}, plans the fraud cases, then day by
 * day generates every customer's legitimate traffic, adds the cases' events of that day, labels
 * what passed a compromised terminal, and hands it to {@link Delivery} for the order (and the
 * untidiness) it arrives in. Deterministic: one seed, one byte sequence.
 */
public final class Simulator {
    private static final JsonFactory JSON = new JsonFactory();

    private final SimulationConfig config;

    public Simulator(SimulationConfig config) {
        this.config = config;
    }

    /**
     * Writes the stream to {@code out} (UTF-8; not closed) and, when {@code casesOut} is not null, one JSON line per
     * fraud case to it; {@code progress} hears the number of records written so far.
     */
    public SimulationSummary run(OutputStream out, Writer casesOut, LongConsumer progress) throws IOException {
        World world = new World(config);
        Timeline timeline = new Timeline(config.startMillis(), config.days());
        Compromises compromises = new Compromises();
        List<FraudCase> cases = plan(world, timeline, compromises);
        LegitimateTraffic legit = new LegitimateTraffic(world, config, timeline);
        Delivery delivery = new Delivery(config);
        SimulationSummary summary = new SimulationSummary(config, cases);
        JsonGenerator g = JSON.createGenerator(out); // UTF-8 straight to bytes: faster than through a Writer
        g.setRootValueSeparator(null);
        // Writing a day (half the work) runs on its own thread while the next day is generated;
        // one day in flight at a time keeps the output order and bounds the memory.
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "simulator-writer"));
        try {
            Future<?> writing = CompletableFuture.completedFuture(null);
            for (int day = 0; day < config.days(); day++) {
                for (Customer c : world.customers) {
                    legit.day(c, day);
                }
                // Ties keep generation order.
                List<SimEvent> events = TimeOrder.sort(timeline.take(day), timeline.dayStart(day), SimEvent::time);
                List<Delivery.Arrival> arrivals = delivery.deliver(events, timeline.dayStart(day), timeline.dayStart(day + 1));
                await(writing);
                progress.accept(summary.records());
                writing = writer.submit(() -> writeAll(g, arrivals, compromises, summary));
            }
            await(writing);
            writeAll(g, delivery.rest(), compromises, summary);
        } finally {
            writer.shutdownNow();
        }
        summary.delivery(delivery.late, delivery.duplicates, delivery.malformed);
        if (casesOut != null) {
            summary.writeCases(casesOut);
        }
        return summary;
    }

    /**
     * The fraud cases, drawn before any traffic: a share of the customers (at least one case per
     * chosen scenario), the scenarios taken in turn, each case with its own random stream.
     */
    private List<FraudCase> plan(World world, Timeline timeline, Compromises compromises) {
        List<FraudCase> cases = new ArrayList<>();
        List<Scenario> scenarios = config.scenarios();
        if (scenarios.isEmpty() || config.fraudRate() == 0) {
            return cases;
        }
        int count = Math.max(scenarios.size(), (int) Math.round(config.cards() * config.fraudRate()));
        SplittableRandom r = new SplittableRandom(config.seed() * 31 + 0xCA5E);
        for (int i = 0; i < count; i++) {
            Scenario s = scenarios.get(i % scenarios.size());
            Customer victim = world.customers[r.nextInt(world.customers.length)];
            FraudCase c = new FraudCase(s.name() + "-" + i, s, victim, r.split(), world, timeline, config, compromises);
            s.inject(c);
            cases.add(c);
        }
        return cases;
    }

    private static Void writeAll(JsonGenerator g, List<Delivery.Arrival> arrivals, Compromises compromises,
                                 SimulationSummary summary) throws IOException {
        for (Delivery.Arrival a : arrivals) {
            write(g, a, compromises, summary);
        }
        g.flush();
        return null;
    }

    private static void await(Future<?> writing) throws IOException {
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing the stream");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void write(JsonGenerator g, Delivery.Arrival a, Compromises compromises, SimulationSummary summary)
            throws IOException {
        SimEvent e = compromises.label(a.event());
        if (a.malformation() != null) {
            g.writeRaw(broken(e, a.malformation()));
            g.writeRaw('\n');
            summary.malformedWritten();
            return;
        }
        e.write(g);
        g.writeRaw('\n');
        summary.count(e);
    }

    private static String broken(SimEvent e, Delivery.Malformation how) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            e.write(g);
        }
        String text = w.toString();
        switch (how) {
            case TRUNCATED:
                return text.substring(0, text.length() / 2);
            case AMOUNT_AS_TEXT:
                if (text.contains("\"amount\":")) {
                    return text.replaceFirst("\"amount\":(-?\\d+)\\.(\\d+)", "\"amount\":\"$1,$2\"");
                }
                return text.replaceFirst("\"ts\":\"[^\"]*\",", "");
            case MISSING_TIME:
                return text.replaceFirst("\"ts\":\"[^\"]*\",", "");
            default:
                return text.replaceFirst("\"type\":\"([a-z_]+)\"", "\"type\":\"$1_v2\"");
        }
    }
}
