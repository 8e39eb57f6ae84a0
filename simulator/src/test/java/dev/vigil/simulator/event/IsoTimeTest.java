package dev.vigil.simulator.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
    @Test
    void readsBackAsTheSameInstantForAnyTimeInAnyOrder() {
        SplittableRandom r = new SplittableRandom(5);
        long t = Instant.parse("1969-12-30T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            // Mostly forward in small steps (as streams are written), sometimes a jump either way.
            t += r.nextInt(10) == 0 ? r.nextLong(-400L * 86_400_000, 400L * 86_400_000) : r.nextInt(5_000_000);
            String text = IsoTime.of(t);
            assertEquals(Instant.ofEpochMilli(t), Instant.parse(text), text);
            assertEquals(24, text.length(), text);
        }
    }
}
