package dev.vigil.engine.nfa;

/**
 * When a key group's state for one key needs waking, gathered over its rules: the earliest time
 * an output is due (an absence at the end runs out: it must fire on time), and the time by which
 * everything that can expire has expired (pure clean-up, which may wait). The key wakes at the
 * earlier of the two, so a quiet key wakes about once, when all of its state can go, instead of
 * once per rule and deadline; a key that keeps seeing events prunes as it goes (see
 * {@link RuleRunner#onEvent}).
 */
public final class Deadlines {
    private long output;
    private long expired;

    public Deadlines() {
        reset();
    }

    public void reset() {
        output = Long.MAX_VALUE;
        expired = Long.MIN_VALUE;
    }

    void output(long time) {
        output = Math.min(output, time);
    }

    /**
     * Something holds memory until {@code time}: Long.MAX_VALUE if it never expires (ignored: it
     * keeps the key's state anyway), Long.MIN_VALUE if it holds nothing.
     */
    public void expires(long time) {
        if (time != Long.MAX_VALUE) {
            expired = Math.max(expired, time);
        }
    }

    /** Whether an output is due at some time: the key's timer must then fire even at the end of the input. */
    public boolean outputDue() {
        return output != Long.MAX_VALUE;
    }

    /** The time to wake the key, or Long.MAX_VALUE when nothing needs it. */
    public long wake() {
        return Math.min(output, expired == Long.MIN_VALUE ? Long.MAX_VALUE : expired);
    }
}
