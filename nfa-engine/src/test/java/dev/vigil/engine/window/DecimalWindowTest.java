package dev.vigil.engine.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sums, averages, minima and maxima of decimals over a window, against a recomputation with
 * BigDecimal from the events in (t - d, t]: with amounts of mixed scales, negative ones, and some
 * too large to be kept as numbers, whose sums no longer fit a long. The value and its scale must
 * be what BigDecimal arithmetic gives.
 */
class DecimalWindowTest {
    private static final String RULE = """
            event E {
              id id
              time ts
              id: string
              k: string
              ts: timestamp
              amount: decimal
            }
            rule r {
              key k
              match t: E
              alert { s: sum(E.amount over 10s), a: avg(E.amount over 10s), lo: min(E.amount over 10s), hi: max(E.amount over 10s) }
            }
            """;

    @Test
    void decimalWindowsAreWhatBigDecimalGives() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("r.vgl", RULE)), List.of("r.vgl"));
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        EventSchema schema = c.event("E").orElseThrow();
        HistoryLayout layout = new HistoryLayout(c.rules());
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 300; trial++) {
            KeyHistory history = layout.newHistory();
            List<Event> events = new ArrayList<>();
            long t = 0;
            for (int i = 0; i < 60; i++) {
                t += random.nextInt(4) * 1000L; // ties, and events exactly a window apart
                BigDecimal amount = switch (random.nextInt(trial % 3 == 0 ? 8 : 5)) {
                    case 0 -> BigDecimal.valueOf(random.nextLong(100_000), 2);
                    case 1 -> BigDecimal.valueOf(-random.nextLong(100_000), 3);
                    case 2 -> BigDecimal.valueOf(random.nextLong(1_000));
                    case 3 -> BigDecimal.valueOf(random.nextLong(1L << 52), random.nextInt(6)); // sixteen digits
                    case 4 -> new BigDecimal("0.1");
                    case 5 -> new BigDecimal("98765432109876543210.5"); // too many digits to pack
                    case 6 -> BigDecimal.valueOf(Long.MAX_VALUE / 1000, 1).add(BigDecimal.ONE); // sums overflow a long
                    default -> new BigDecimal("1E+2"); // a negative scale
                };
                EventBuilder b = new EventBuilder(schema);
                b.setValue(schema.field("id").get(), "e" + i);
                b.setValue(schema.field("k").get(), "k");
                b.setValue(schema.field("ts").get(), t);
                b.setValue(schema.field("amount").get(), amount);
                Event e = b.build("e" + i, i);
                events.add(e);
                history.add(e);
                BigDecimal sum = BigDecimal.ZERO;
                BigDecimal lo = null;
                BigDecimal hi = null;
                long n = 0;
                for (Event x : events) {
                    if (x.time() > t - 10_000) {
                        BigDecimal v = x.decimalAt(schema.field("amount").get().index());
                        sum = sum.add(v);
                        lo = lo == null || v.compareTo(lo) < 0 ? v : lo;
                        hi = hi == null || v.compareTo(hi) > 0 ? v : hi;
                        n++;
                    }
                }
                String at = "trial " + trial + ", event " + i;
                assertEquals(sum, history.windowDecimal(0, t), at); // equals: the value and its scale
                assertEquals(sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64), history.windowDecimal(1, t), at);
                assertEquals(0, lo.compareTo(history.windowDecimal(2, t)), at);
                assertEquals(0, hi.compareTo(history.windowDecimal(3, t)), at);
                history.prune(t);
            }
        }
    }
}
