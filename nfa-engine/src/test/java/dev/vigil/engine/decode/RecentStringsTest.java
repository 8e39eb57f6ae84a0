package dev.vigil.engine.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentStringsTest {
    private static String read(RecentStrings strings, String value) {
        char[] chars = ("xx" + value + "yy").toCharArray(); // the value sits inside a larger buffer, as in the parser
        return strings.of(chars, 2, value.length());
    }

    @Test
    void everyValueIsTheTextReadWhateverTheTableHolds() {
        RecentStrings strings = new RecentStrings();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300_000; i++) {
            // A mix that makes the table grow: a few common values, many rarer ones, some long ones.
            String value = switch (random.nextInt(4)) {
                case 0 -> "US";
                case 1 -> "m" + random.nextInt(50_000);
                case 2 -> "merchant-with-a-rather-long-name-" + random.nextInt(10);
                default -> "" + (char) ('a' + random.nextInt(26)) + random.nextInt(1000);
            };
            assertEquals(value, read(strings, value));
        }
    }

    @Test
    void aValueReadAgainIsTheSameString() {
        RecentStrings strings = new RecentStrings();
        String first = read(strings, "approved");
        assertSame(first, read(strings, "approved"));
        assertSame(first, read(strings, "approved"));
    }

    @Test
    void aFieldWhoseValuesRepeatAmongManyGrowsItsTableAndSharesMost() {
        RecentStrings strings = new RecentStrings();
        SplittableRandom random = new SplittableRandom(11);
        String[] pool = new String[100_000];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = "m" + i;
        }
        int shared = 0;
        int reads = 3_000_000;
        String[] lastMade = new String[pool.length];
        for (int i = 0; i < reads; i++) {
            int m = random.nextInt(pool.length);
            String s = read(strings, pool[m]);
            if (s == lastMade[m]) {
                shared++;
            }
            lastMade[m] = s;
        }
        assertTrue(strings.slots() > 64 * RecentStrings.MIN_SLOTS, "table grew to " + strings.slots());
        // A direct-mapped table twice the size of the pool finds well over half of them again.
        assertTrue(shared > reads / 2, "shared " + shared + " of " + reads);
    }

    @Test
    void aFieldWhoseValuesNeverRepeatStopsBeingLookedUp() {
        RecentStrings strings = new RecentStrings();
        for (int i = 0; i < 200_000; i++) {
            assertEquals("t" + i, read(strings, "t" + i));
        }
        assertEquals(0, strings.slots());
        String again = read(strings, "t5");
        assertEquals("t5", again);
    }
}
