package dev.vigil.engine.nfa;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one rule keeps for one key: its waiting runs. (The history its windows read is the key
 * group's, shared by the group's rules: {@link dev.vigil.engine.window.KeyHistory}.) The first
 * run sits in a field, the others in an array of the state's own, reused from event to event: a
 * million keys' states are not a million lists and arrays besides, and a step that leaves a key as
 * many runs as it had allocates nothing for them.
 */
public final class KeyState {
    private static final Run[] NO_RUNS = {};

    /** The first waiting run (null when none): most states wait with one, kept without an array. */
    private Run first;
    /** The runs after the first, in {@code more[0, count - 1)}. */
    private Run[] more = NO_RUNS;
    private int count;
    /** The earliest time one of the runs runs out (kept by {@link RuleRunner#deadlines}), or Long.MAX_VALUE. */
    long deadline = Long.MAX_VALUE;
    boolean capReported;

    public int openRuns() {
        return count;
    }

    /** The runs in the order they were opened. */
    Run run(int i) {
        return i == 0 ? first : more[i - 1];
    }

    private void set(int i, Run r) {
        if (i == 0) {
            first = r;
        } else {
            more[i - 1] = r;
        }
    }

    /** Replaces the runs with {@code next}'s (a list the caller keeps). */
    void setRuns(List<Run> next) {
        int n = next.size();
        // A larger array when the runs outgrow it, a smaller one after a burst (one run or none
        // needs none: truncate lets go of it).
        if (n - 1 > more.length || more.length > 8 && n > 1 && n - 1 < more.length / 4) {
            more = new Run[Math.max(2, n - 1)];
            count = Math.min(count, n); // the new array has nothing to clear
        }
        for (int i = 0; i < n; i++) {
            set(i, next.get(i));
        }
        truncate(n);
    }

    /** Keeps the runs {@code keep} does not refuse, in order. */
    void retain(Predicate<Run> keep) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            Run r = run(i);
            if (keep.test(r)) {
                set(kept++, r);
            }
        }
        truncate(kept);
    }

    /** Keeps the first {@code n} runs (those after them have been moved or dropped). */
    void truncate(int n) {
        if (n == 0) {
            first = null;
        }
        if (n <= 1) {
            more = NO_RUNS; // most keys wait for one run or none: no array kept for them
        } else if (n < count) {
            Arrays.fill(more, n - 1, count - 1, null);
        }
        count = n;
    }

    /** Moves run {@code from} to place {@code to} (before it, in a compaction). */
    void move(int from, int to) {
        set(to, run(from));
    }

    /** Keeps the last {@code n} runs in {@code order}. */
    void keepLast(int n, Comparator<Run> order) {
        Run[] all = new Run[count];
        for (int i = 0; i < count; i++) {
            all[i] = run(i);
        }
        Arrays.sort(all, order);
        for (int i = 0; i < n; i++) {
            set(i, all[count - n + i]);
        }
        truncate(n);
    }

    public long deadline() {
        return deadline;
    }

    public boolean idle() {
        return count == 0;
    }

    /**
     * Whether the key group need not keep this state: nothing waits, and it has not reported the
     * partial-match bound (a state that has stays, so that it reports once per rule and key).
     */
    public boolean disposable() {
        return count == 0 && !capReported;
    }
}
