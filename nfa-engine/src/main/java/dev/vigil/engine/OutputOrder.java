package dev.vigil.engine;

/**
 * A place in the order an engine over every key emits its results in: by the time of what it
 * processes, an event before a timer at the same time, then events by arrival (and key group),
 * timers by namespace and key, and the end of the input last, by key group and key. A
 * {@link ShardedEngine} merges its shards' results by it.
 *
 * @param tie an event's arrival sequence times the number of key groups plus its group; a timer's
 *            namespace; at the end, the key group
 */
public record OutputOrder(long time, int phase, long tie, String key) implements Comparable<OutputOrder> {
    public static final int EVENT = 0;
    public static final int TIMER = 1;
    public static final int END = 2;

    @Override
    public int compareTo(OutputOrder o) {
        return compare(time, phase, tie, key, o.time, o.phase, o.tie, o.key);
    }

    static int compare(long time, int phase, long tie, String key, long otherTime, int otherPhase, long otherTie,
                       String otherKey) {
        int c = Long.compare(time, otherTime);
        if (c == 0) {
            c = Integer.compare(phase, otherPhase);
        }
        if (c == 0) {
            c = Long.compare(tie, otherTie);
        }
        return c != 0 ? c : key.compareTo(otherKey);
    }
}
