package dev.vigil.engine.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Entries give back every value as it was set, whatever the way it is stored. */
class EntriesTest {
    private static List<FieldSlot> fields() {
        Compilation c = VigilCompiler.compile(SourceLoader.of(Map.of("e.vgl", """
                event Txn {
                  time ts
                  ts: timestamp
                  amount: decimal
                  merchant_id: string
                  fee: decimal
                }
                """)), List.of("e.vgl"));
        EventSchema s = c.event("Txn").orElseThrow();
        return List.of(s.field("amount").get(), s.field("merchant_id").get(), s.field("fee").get());
    }

    @Test
    void decimalsComeBackEqualWithTheirScaleThroughGrowthAndDrops() {
        Entries entries = new Entries(Entries.decimalColumns(fields()));
        SplittableRandom random = new SplittableRandom(3);
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            BigDecimal amount = switch (random.nextInt(6)) {
                case 0 -> new BigDecimal("-" + random.nextInt(100_000) + ".25");
                case 1 -> new BigDecimal("12345678901234567890.5"); // too many digits to pack
                case 2 -> new BigDecimal("1E+3"); // a negative scale
                case 3 -> BigDecimal.valueOf(random.nextLong(1L << 50), random.nextInt(20));
                case 4 -> new BigDecimal("9999999999999999"); // sixteen digits, the most that pack
                default -> BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            };
            BigDecimal fee = random.nextInt(4) == 0 ? null : BigDecimal.valueOf(random.nextInt(500), 1);
            String merchant = "m" + random.nextInt(100);
            entries.add(i, i);
            entries.setNewest(0, amount);
            entries.setNewest(1, merchant);
            entries.setNewest(2, fee);
            expected.add(new Object[] {amount, merchant, fee});
            if (random.nextInt(3) == 0) {
                entries.dropOldest();
            }
            for (long p = entries.first(); p < entries.end(); p++) {
                Object[] row = expected.get((int) p);
                for (int f = 0; f < 3; f++) {
                    assertEquals(row[f], entries.value(p, f), "entry " + p + " field " + f); // equals: value and scale
                }
            }
        }
    }

    @Test
    void aClearedDecimalIsGone() {
        Entries entries = new Entries(Entries.decimalColumns(fields()));
        entries.add(1, 1);
        entries.setNewest(0, new BigDecimal("5.00"));
        entries.setNewest(2, new BigDecimal("12345678901234567890.5"));
        entries.add(2, 2);
        entries.setNewest(0, new BigDecimal("6.00"));
        entries.clearNext(0);
        entries.clearNext(2);
        assertNull(entries.value(0, 0));
        assertNull(entries.value(0, 2));
        assertEquals(new BigDecimal("6.00"), entries.value(1, 0));
    }
}
