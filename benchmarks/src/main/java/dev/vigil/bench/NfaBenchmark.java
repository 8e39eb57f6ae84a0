package dev.vigil.bench;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Outputs;
import dev.vigil.engine.nfa.KeyState;
import dev.vigil.engine.window.KeyHistory;
import dev.vigil.engine.nfa.Match;
import dev.vigil.engine.nfa.RuleRunner;
import dev.vigil.state.InMemoryStateBackend;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The NFA step, events per second: one key with few open partial matches (card testing), one
 * key with many (a `then any` pattern held at its bound), and many keys through the whole engine
 * (ordering, routing, state look-up, timers). Run: {@code java -jar benchmarks/target/benchmarks.jar Nfa}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NfaBenchmark {
    private static final int BATCH = 10_000;
    private static final String RULES = """
            event Txn {
              id txn_id
              time ts
              out_of_order 30s
              txn_id: string
              card_id: string
              ts: timestamp
              amount: decimal
              country: string
            }
            rule card_testing {
              key card_id
              match
                probe: Txn{3,} where amount < 5.00
                then big: Txn where amount > 500 and country != probe.first.country
              within 15m
            }
            rule many_partials {
              key card_id
              max_partials %d
              match
                a: Txn where amount < 5.00
                then any b: Txn where amount < 5.00
                then any c: Txn where amount > 500
              within 1d
              after match skip none
            }
            """;

    @Param({"1000"})
    int partials;

    @Param({"10000", "1000000"})
    int keys;

    private RuleRunner fewRunner;
    private RuleRunner manyRunner;
    private KeyState fewState;
    private KeyState manyState;
    private KeyHistory fewHistory;
    private KeyHistory manyHistory;
    private EventSchema txn;
    private Event[] oneKey;
    private Event[] manyKeys;
    private Engine engine;
    private long sequence;
    private long clock;

    @Setup(Level.Trial)
    public void setUp() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("b.vgl", String.format(RULES, partials))), List.of("b.vgl"));
        if (!c.ok()) {
            throw new IllegalStateException(c.diagnostics().toString());
        }
        txn = c.event("Txn").orElseThrow();
        RuleProgram few = c.rule("card_testing").orElseThrow();
        RuleProgram many = c.rule("many_partials").orElseThrow();
        fewRunner = new RuleRunner(few, 10_000, (r, k, d) -> { });
        manyRunner = new RuleRunner(many, 10_000, (r, k, d) -> { });
        fewState = fewRunner.newState();
        manyState = manyRunner.newState();
        fewHistory = fewRunner.newHistory();
        manyHistory = manyRunner.newHistory();
        oneKey = new Event[BATCH];
        manyKeys = new Event[BATCH];
        engine = new Engine(List.of(few), c.events(), 1, EngineConfig.DEFAULTS, new InMemoryStateBackend(), new Outputs() {
            @Override
            public void match(Match m) {
            }

            @Override
            public void late(Event e, String reason) {
            }
        });
    }

    private Event event(String card, String amount, String country) {
        EventBuilder b = new EventBuilder(txn);
        clock += 1000;
        b.setValue(txn.field("txn_id").get(), "t" + sequence).setValue(txn.field("card_id").get(), card)
                .setValue(txn.field("ts").get(), clock).setValue(txn.field("amount").get(), new BigDecimal(amount))
                .setValue(txn.field("country").get(), country);
        return b.build("t" + sequence, sequence++);
    }

    /** Probes and purchases in the proportions card testing sees: mostly ordinary, some tiny, few large. */
    private String amount(long i) {
        long m = i % 10;
        return m < 3 ? "1.00" : m == 9 ? "900.00" : "40.00";
    }

    @Setup(Level.Iteration)
    public void events() {
        for (int i = 0; i < BATCH; i++) {
            oneKey[i] = event("c1", amount(i), i % 2 == 0 ? "US" : "FR");
        }
        for (int i = 0; i < BATCH; i++) {
            manyKeys[i] = event("c" + (i * 7919L % keys), amount(i), "US");
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void oneKeyFewPartials(Blackhole bh) {
        for (Event e : oneKey) {
            bh.consume(fewRunner.onEvent(fewState, fewHistory, "c1", e));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void oneKeyManyPartials(Blackhole bh) {
        for (Event e : oneKey) {
            bh.consume(manyRunner.onEvent(manyState, manyHistory, "c1", e));
        }
        bh.consume(manyState.openRuns());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void manyKeysThroughTheEngine() {
        for (Event e : manyKeys) {
            engine.accept(0, e);
        }
        engine.advance();
    }
}
