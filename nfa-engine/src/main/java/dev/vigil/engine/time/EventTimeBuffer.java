package dev.vigil.engine.time;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import java.util.Arrays;

/**
 * Puts events in event-time order. Each input partition has a watermark: the largest event time
 * it has shown minus the declared out-of-orderness. The engine's watermark is the smallest over
 * partitions still running (a finished or idle partition does not hold it back), minus the
 * allowed lateness. Events wait here until that watermark passes them and come out in (time,
 * arrival) order; an event that arrives already behind it is late and is not accepted.
 */
public final class EventTimeBuffer {
    private static final long UNSEEN = Long.MIN_VALUE;

    private final PendingEvents pending = new PendingEvents();
    private final long outOfOrderMillis;
    private final long latenessMillis;
    private final long[] maxSeen;
    private final boolean[] finished;

    public EventTimeBuffer(int partitions, long outOfOrderMillis, long latenessMillis) {
        this.outOfOrderMillis = outOfOrderMillis;
        this.latenessMillis = latenessMillis;
        this.maxSeen = new long[partitions];
        this.finished = new boolean[partitions];
        Arrays.fill(maxSeen, UNSEEN);
    }

    /** Processing order: event time, ties by arrival. */
    public static int compare(Event a, Event b) {
        return compare(a.time(), a.sequence(), b.time(), b.sequence());
    }

    /** Processing order of events known by their time and arrival sequence (as histories keep them). */
    public static int compare(long timeA, long sequenceA, long timeB, long sequenceB) {
        int c = Long.compare(timeA, timeB);
        return c != 0 ? c : Long.compare(sequenceA, sequenceB);
    }

    /** Whether {@code a} comes before {@code b} in processing order. */
    static boolean before(Event a, Event b) {
        return compare(a, b) < 0;
    }

    /** Accepts an event, or returns why it is late. */
    public String offer(int partition, Event e) {
        String late = observe(partition, e);
        if (late == null) {
            pending.add(e);
        }
        return late;
    }

    /**
     * Lets an event move the watermark as {@link #offer} would, without keeping it (another
     * engine processes its keys), or returns why it is late.
     */
    public String observe(int partition, Event e) {
        long bound = releaseBound();
        if (e.time() < bound) {
            return "late: event time " + java.time.Instant.ofEpochMilli(e.time()) + " is behind the watermark "
                    + java.time.Instant.ofEpochMilli(bound + latenessMillis) + " by more than the allowed lateness of "
                    + latenessMillis + " ms";
        }
        maxSeen[partition] = Math.max(maxSeen[partition], e.time());
        return null;
    }

    /** The latest event time accepted from any partition, or Long.MIN_VALUE before the first. */
    public long maxTime() {
        long max = UNSEEN;
        for (long m : maxSeen) {
            max = Math.max(max, m);
        }
        return max;
    }

    /** A partition ends (end of its file) or goes idle: it stops holding the watermark back. */
    public void finish(int partition) {
        finished[partition] = true;
    }

    /** Whether every partition is done: time has moved to its end. */
    public boolean ended() {
        for (boolean f : finished) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    /** Events with time below this bound are final in order; Long.MAX_VALUE once every partition is done. */
    public long releaseBound() {
        long w = Long.MAX_VALUE;
        for (int p = 0; p < maxSeen.length; p++) {
            if (finished[p]) {
                continue;
            }
            if (maxSeen[p] == UNSEEN) {
                return Long.MIN_VALUE;
            }
            w = Math.min(w, maxSeen[p] - outOfOrderMillis - latenessMillis);
        }
        return w;
    }

    /** The next event in order, if the watermark has passed it; otherwise null. */
    public Event peekReady(long bound) {
        Event e = pending.peek();
        return e != null && e.time() < bound ? e : null;
    }

    public Event poll() {
        return pending.poll();
    }

    public int size() {
        return pending.size();
    }

    /** The partitions' progress and the events still waiting, for a snapshot. */
    public void write(StateWriter w, EventCodec events) {
        w.writeVarInt(maxSeen.length);
        for (int p = 0; p < maxSeen.length; p++) {
            w.writeVarLong(maxSeen[p]);
            w.writeBoolean(finished[p]);
        }
        w.writeVarInt(pending.size());
        for (Event e : pending.inOrder()) {
            events.write(w, e, EventCodec.RecordForm.AS_READ);
        }
    }

    /** Puts back what {@link #write} wrote, replacing what this buffer holds. */
    public void read(StateReader r, EventCodec events) {
        int partitions = r.readVarInt();
        if (partitions != maxSeen.length) {
            throw new IllegalStateException("a snapshot of " + partitions + " inputs cannot resume a replay of " + maxSeen.length);
        }
        for (int p = 0; p < partitions; p++) {
            maxSeen[p] = r.readVarLong();
            finished[p] = r.readBoolean();
        }
        pending.clear();
        int n = r.readVarInt();
        for (int i = 0; i < n; i++) {
            pending.add(events.read(r, EventCodec.RecordForm.AS_READ));
        }
    }
}
