package dev.vigil.engine.nfa;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one rule keeps for one key: its waiting runs. (The history its windows read is the key
 * group's, shared by the group's rules: {@link dev.vigil.engine.window.KeyHistory}.) The runs sit
 * in an array of the state's own, reused from event to event: a million keys' states are not a
 * million list objects besides, and a step that leaves a key as many runs as it had allocates
 * nothing for them.
 */
public final class KeyState {
    private static final Run[] NO_RUNS = {};

    /** The waiting runs are the first {@link #count}, in the order they were opened. */
    private Run[] runs = NO_RUNS;
    private int count;
    /** The earliest time one of the runs runs out (kept by {@link RuleRunner#deadlines}), or Long.MAX_VALUE. */
    long deadline = Long.MAX_VALUE;
    boolean capReported;

    public int openRuns() {
        return count;
    }

    Run run(int i) {
        return runs[i];
    }

    /** Replaces the runs with {@code next}'s (a list the caller keeps). */
    void setRuns(List<Run> next) {
        int n = next.size();
        if (n == 0) {
            runs = NO_RUNS; // most keys wait for nothing most of the time: no array kept for them
        } else if (n > runs.length || runs.length > 8 && n < runs.length / 4) {
            runs = new Run[Math.max(2, n)];
        } else if (n < count) {
            Arrays.fill(runs, n, count, null);
        }
        for (int i = 0; i < n; i++) {
            runs[i] = next.get(i);
        }
        count = n;
    }

    /** Keeps the runs {@code keep} does not refuse, in order. */
    void retain(Predicate<Run> keep) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            Run r = runs[i];
            if (keep.test(r)) {
                runs[kept++] = r;
            }
        }
        truncate(kept);
    }

    /** Keeps the first {@code n} runs (those after them have been moved or dropped). */
    void truncate(int n) {
        if (n == 0) {
            runs = NO_RUNS;
        } else {
            Arrays.fill(runs, n, count, null);
        }
        count = n;
    }

    /** Moves run {@code from} to place {@code to} (before it, in a compaction). */
    void move(int from, int to) {
        runs[to] = runs[from];
    }

    /** Keeps the last {@code n} runs in {@code order}. */
    void keepLast(int n, Comparator<Run> order) {
        Arrays.sort(runs, 0, count, order);
        System.arraycopy(runs, count - n, runs, 0, n);
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
