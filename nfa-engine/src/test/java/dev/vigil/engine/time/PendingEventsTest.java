package dev.vigil.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.dsl.schema.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PendingEventsTest {
    private static final Comparator<Event> ORDER = Comparator.comparingLong(Event::time).thenComparingLong(Event::sequence);

    private static Event event(long time, long sequence) {
        return new Event(null, "e" + sequence, time, sequence, new long[0], new Object[0], null);
    }

    /**
     * Against the JDK's priority queue in (time, arrival) order: streams mostly in order with
     * events up to a bound late, and streams in no order at all, with many ties, adds and polls mixed.
     */
    @Test
    void handsOutEventsInTimeThenArrivalOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            PendingEvents pending = new PendingEvents();
            PriorityQueue<Event> oracle = new PriorityQueue<>(ORDER);
            boolean shuffled = round % 3 == 0;
            long sequence = 0;
            long clock = 0;
            int ops = 1 + random.nextInt(6000);
            for (int i = 0; i < ops; i++) {
                if (random.nextInt(4) > 0) {
                    clock += random.nextInt(3);
                    long time = shuffled ? random.nextInt(100) : Math.max(0, clock - (random.nextInt(10) == 0 ? random.nextInt(40) : 0));
                    Event e = event(time, sequence++);
                    pending.add(e);
                    oracle.add(e);
                } else {
                    assertSame(oracle.poll(), pending.poll());
                }
                assertSame(oracle.peek(), pending.peek());
                assertEquals(oracle.size(), pending.size());
            }
            List<Event> expected = new ArrayList<>(oracle);
            expected.sort(ORDER);
            assertEquals(expected, pending.inOrder());
            while (!oracle.isEmpty()) {
                assertSame(oracle.poll(), pending.poll());
            }
            assertNull(pending.poll());
        }
    }

    @Test
    void clearForgetsEveryWaitingEvent() {
        PendingEvents pending = new PendingEvents();
        for (int i = 0; i < 3000; i++) {
            pending.add(event(3000 - i, i));
        }
        pending.clear();
        assertEquals(0, pending.size());
        assertNull(pending.peek());
        pending.add(event(5, 3001));
        assertEquals(5, pending.poll().time());
    }
}
