package dev.vigil.simulator.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.simulator.event.SimEvent;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulation wrote: records and events by type, channel and hour, card amounts, fraud
 * events and cases by scenario, and the delivery's untidiness. Its table is the one
 * docs/simulator.md shows for a generated day.
 */
public final class SimulationSummary {
    private final SimulationConfig config;
    private final List<FraudCase> cases;
    private final Map<String, Long> byType = new TreeMap<>();
    private final Map<String, Long> txnByChannel = new TreeMap<>();
    private final Map<String, Long> fraudByScenario = new TreeMap<>();
    private final long[] txnByHour = new long[24];
    private final Map<String, long[]> caseSpans = new HashMap<>();
    /** Every 16th card amount, for the percentiles. */
    private long[] amounts = new long[1024];
    private int sampled;
    private long txns;
    private long declined;
    private long records;
    private long events;
    private long fraudEvents;
    private long late;
    private long duplicates;
    private long malformed;

    SimulationSummary(SimulationConfig config, List<FraudCase> cases) {
        this.config = config;
        this.cases = cases;
    }

    void count(SimEvent e) {
        records++;
        events++;
        String type = e.getClass().getSimpleName();
        if (e instanceof SimEvent.Posting p) {
            type = p.credit() ? "Credit" : "Debit";
        }
        byType.merge(type, 1L, Long::sum);
        if (e instanceof SimEvent.Txn t) {
            txnByChannel.merge(t.channel(), 1L, Long::sum);
            txnByHour[Instant.ofEpochMilli(t.time()).atZone(ZoneOffset.UTC).getHour()]++;
            if (!t.approved()) {
                declined++;
            }
            if ((txns++ & 15) == 0) {
                if (sampled == amounts.length) {
                    amounts = Arrays.copyOf(amounts, sampled * 2);
                }
                amounts[sampled++] = t.cents();
            }
        }
        if (e.label().fraud()) {
            fraudEvents++;
            fraudByScenario.merge(e.label().scenario(), 1L, Long::sum);
            long[] span = caseSpans.computeIfAbsent(e.label().caseId(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
            span[0] = Math.min(span[0], e.time());
            span[1] = Math.max(span[1], e.time());
            span[2]++;
        }
    }

    void malformedWritten() {
        records++;
    }

    void delivery(long late, long duplicates, long malformed) {
        this.late = late;
        this.duplicates = duplicates;
        this.malformed = malformed;
    }

    /** Lines written: events, duplicates and malformed records. */
    public long records() {
        return records;
    }

    /** Well-formed event records written, duplicates included. */
    public long events() {
        return events;
    }

    public long fraudEvents() {
        return fraudEvents;
    }

    public long malformed() {
        return malformed;
    }

    public long duplicates() {
        return duplicates;
    }

    public long late() {
        return late;
    }

    /** One JSON line per case: id, scenario, what it is keyed on, its first and last event and how many. */
    void writeCases(Writer w) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(w);
        g.setRootValueSeparator(null);
        for (FraudCase c : cases) {
            long[] span = caseSpans.get(c.id);
            g.writeStartObject();
            g.writeStringField("case_id", c.id);
            g.writeStringField("scenario", c.scenario.name());
            g.writeStringField("key_field", c.keyField);
            g.writeStringField("key", c.key);
            if (span != null) {
                g.writeStringField("first", Instant.ofEpochMilli(span[0]).toString());
                g.writeStringField("last", Instant.ofEpochMilli(span[1]).toString());
            }
            g.writeNumberField("events", span == null ? 0 : span[2]);
            g.writeEndObject();
            g.writeRaw('\n');
        }
        g.flush();
    }

    /** A readable table of the stream, per day where it helps. */
    public String render() {
        StringBuilder b = new StringBuilder();
        double days = config.days();
        b.append(String.format("records written:    %,d (%d cards, %d days, seed %d)%n", records, config.cards(),
                config.days(), config.seed()));
        b.append(String.format("events:             %,d, of them fraud %,d in %d cases%n", events, fraudEvents, cases.size()));
        b.append(String.format("delivery:           %,d late, %,d duplicated, %,d malformed%n", late, duplicates, malformed));
        b.append("events by type (per day):\n");
        byType.forEach((t, n) -> b.append(String.format("  %-16s %,12d  (%,.0f a day)%n", t, n, n / days)));
        b.append("card transactions by channel:\n");
        txnByChannel.forEach((ch, n) -> b.append(String.format("  %-16s %5.1f %%%n", ch, 100.0 * n / Math.max(1, txns))));
        b.append(String.format("  declined         %5.1f %%%n", 100.0 * declined / Math.max(1, txns)));
        long night = 0;
        for (int h = 0; h < 5; h++) {
            night += txnByHour[h];
        }
        b.append(String.format("card transactions between 00:00 and 05:00: %.1f %%%n", 100.0 * night / Math.max(1, txns)));
        if (sampled > 0) {
            long[] s = Arrays.copyOf(amounts, sampled);
            Arrays.sort(s);
            b.append(String.format("card amounts: median %.2f, p90 %.2f, p99 %.2f, max %.2f%n", s[sampled / 2] / 100.0,
                    s[(int) (sampled * 0.9)] / 100.0, s[(int) (sampled * 0.99)] / 100.0, s[sampled - 1] / 100.0));
        }
        if (!fraudByScenario.isEmpty()) {
            Map<String, Integer> casesByScenario = new TreeMap<>();
            for (FraudCase c : cases) {
                casesByScenario.merge(c.scenario.name(), 1, Integer::sum);
            }
            b.append("fraud by scenario (cases, events):\n");
            casesByScenario.forEach((s, n) -> b.append(String.format("  %-22s %6d %10d%n", s, n,
                    fraudByScenario.getOrDefault(s, 0L))));
        }
        return b.toString();
    }
}
