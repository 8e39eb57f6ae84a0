package dev.vigil.simulator.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PacingTest {
    @Test
    void aFixedRateSpacesRecordsEvenly() {
        Pacing p = new Pacing.FixedRate(4);
        assertEquals(0, p.dueNanos(0, 0));
        assertEquals(250_000_000L, p.dueNanos(1, 0));
        assertEquals(2_500_000_000L, p.dueNanos(10, 0));
    }

    @Test
    void aSpeedupFollowsEventTimeAndNeverWaitsForAnOutOfOrderRecord() {
        Pacing p = new Pacing.Speedup(60); // a minute of event time a second
        assertEquals(0, p.dueNanos(0, 1_000_000));
        assertEquals(1_000_000_000L, p.dueNanos(1, 1_060_000), "a minute later is due a second later");
        assertEquals(1_000_000_000L, p.dueNanos(2, 1_030_000), "behind the latest time: due with it");
        assertEquals(1_000_000_000L, p.dueNanos(3, Long.MIN_VALUE), "no time: due with the latest");
        assertEquals(3_000_000_000L, p.dueNanos(4, 1_180_000));
    }

    @Test
    void nonsensicalPacesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Pacing.FixedRate(0));
        assertThrows(IllegalArgumentException.class, () -> new Pacing.Speedup(-2));
    }
}
