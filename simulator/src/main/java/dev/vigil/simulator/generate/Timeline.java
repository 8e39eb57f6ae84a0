package dev.vigil.simulator.generate;

import dev.vigil.simulator.event.SimEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated events waiting to be written, by day of the simulation: legitimate traffic lands in
 * the day being generated, a refund or a fraud case may land days ahead. Events outside the
 * simulated period are dropped. Also hands out event ids, in generation order, so a seed gives
 * the same ids every time.
 */
final class Timeline {
    private final long start;
    private final List<SimEvent>[] byDay;
    private long nextId;

    @SuppressWarnings("unchecked")
    Timeline(long startMillis, int days) {
        this.start = startMillis;
        this.byDay = new List[days];
    }

    String id(String prefix) {
        return prefix + nextId++;
    }

    void add(SimEvent e) {
        long offset = e.time() - start;
        if (offset < 0) {
            return;
        }
        int day = (int) (offset / SimulationConfig.DAY);
        if (day >= byDay.length) {
            return;
        }
        if (byDay[day] == null) {
            byDay[day] = new ArrayList<>();
        }
        byDay[day].add(e);
    }

    /** The events of a day, handed over once. */
    List<SimEvent> take(int day) {
        List<SimEvent> events = byDay[day] == null ? new ArrayList<>() : byDay[day];
        byDay[day] = null;
        return events;
    }

    long dayStart(int day) {
        return start + day * SimulationConfig.DAY;
    }
}
