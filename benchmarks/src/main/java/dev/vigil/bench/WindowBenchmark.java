package dev.vigil.bench;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.window.HistoryLayout;
import dev.vigil.engine.window.KeyHistory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A velocity window's cost per event against the number of events in it: one key's history gets
 * an event and is asked its count, sum, max and distinct over the window, and whether a value
 * was seen in it (one never seen, the worst case for a scan), for windows holding 10, 1,000 and
 * 100,000 events. Run: {@code java -jar benchmarks/target/benchmarks.jar Window}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WindowBenchmark {
    @Param({"10", "1000", "100000"})
    int eventsInWindow;

    private KeyHistory history;
    private EventSchema txn;
    private long time;
    private long sequence;

    @Setup
    public void setUp() {
        String source = """
                event Txn {
                  id txn_id
                  time ts
                  txn_id: string
                  card_id: string
                  ts: timestamp
                  amount: decimal
                  merchant_id: string
                }
                rule velocity {
                  key card_id
                  match t: Txn
                  alert { n: count(Txn over 100s), s: sum(Txn.amount over 100s), hi: max(Txn.amount over 100s),
                          m: distinct(Txn.merchant_id over 100s), seen: t.merchant_id in history(Txn.merchant_id over 100s) }
                }
                """;
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("w.vgl", source)), List.of("w.vgl"));
        RuleProgram rule = c.rules().get(0);
        txn = c.event("Txn").orElseThrow();
        history = HistoryLayout.of(rule).newHistory(); // a group of one rule: windows 0-3, look-up 0
        // The window is 100 s long: events this far apart fill it with the wanted number.
        time = 0;
        for (int i = 0; i < eventsInWindow; i++) {
            event();
        }
    }

    private long step() {
        return Math.max(1, 100_000L / eventsInWindow);
    }

    private Event event() {
        time += step();
        sequence++;
        EventBuilder b = new EventBuilder(txn);
        b.setValue(txn.field("txn_id").get(), "t" + sequence);
        b.setValue(txn.field("card_id").get(), "c1");
        b.setValue(txn.field("ts").get(), time);
        b.setValue(txn.field("amount").get(), BigDecimal.valueOf(sequence % 997, 2));
        b.setValue(txn.field("merchant_id").get(), "m" + sequence % 50);
        Event e = b.build("t" + sequence, sequence);
        history.add(e);
        history.prune(time);
        return e;
    }

    @Benchmark
    public long addAndAskEveryWindow() {
        Event e = event();
        long x = history.windowLong(0, time);
        x += history.windowDecimal(1, time).unscaledValue().longValue();
        x += history.windowDecimal(2, time).unscaledValue().longValue();
        x += history.windowLong(3, time);
        // A value never seen: the look-up that used to scan the whole history.
        x += history.historyContains(0, time, e, "never-seen") ? 1 : 0;
        return x;
    }
}
