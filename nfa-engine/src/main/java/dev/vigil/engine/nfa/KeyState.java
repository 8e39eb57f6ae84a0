package dev.vigil.engine.nfa;

import dev.vigil.engine.window.KeyHistory;
import java.util.List;

/** Everything one rule keeps for one key: its waiting runs and the history its windows read. */
public final class KeyState {
    List<Run> runs = RuleRunner.NO_RUNS;
    final KeyHistory history;
    /** The earliest time something of this state runs out (kept by {@link RuleRunner#deadlines}), or Long.MAX_VALUE. */
    long deadline = Long.MAX_VALUE;
    boolean capReported;

    KeyState(KeyHistory history) {
        this.history = history;
    }

    public int openRuns() {
        return runs.size();
    }

    public long deadline() {
        return deadline;
    }

    public boolean capReported() {
        return capReported;
    }

    public boolean idle() {
        return runs.isEmpty() && history.isEmpty();
    }
}
