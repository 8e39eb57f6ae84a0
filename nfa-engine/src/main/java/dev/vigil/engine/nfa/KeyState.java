package dev.vigil.engine.nfa;

import java.util.List;

/**
 * What one rule keeps for one key: its waiting runs. (The history its windows read is the key
 * group's, shared by the group's rules: {@link dev.vigil.engine.window.KeyHistory}.)
 */
public final class KeyState {
    List<Run> runs = RuleRunner.NO_RUNS;
    /** The earliest time one of the runs runs out (kept by {@link RuleRunner#deadlines}), or Long.MAX_VALUE. */
    long deadline = Long.MAX_VALUE;
    boolean capReported;

    public int openRuns() {
        return runs.size();
    }

    public long deadline() {
        return deadline;
    }

    public boolean idle() {
        return runs.isEmpty();
    }

    /**
     * Whether the key group need not keep this state: nothing waits, and it has not reported the
     * partial-match bound (a state that has stays, so that it reports once per rule and key).
     */
    public boolean disposable() {
        return runs.isEmpty() && !capReported;
    }
}
