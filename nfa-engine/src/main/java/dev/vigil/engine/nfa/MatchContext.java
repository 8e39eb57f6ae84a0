package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.EvalContext;
import dev.vigil.dsl.program.NoValue;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.window.KeyHistory;
import java.math.BigDecimal;

/**
 * What compiled conditions see: the current event, a run's path, and the key's history at a
 * given time. One instance per rule is reused for every evaluation (the engine is single-threaded
 * per partition), so evaluating allocates nothing but what a path view needs once.
 */
final class MatchContext implements EvalContext {
    private final int variables;
    /** The group's numbers of the rule's first window and first history look-up (see HistoryLayout). */
    private final int windowBase;
    private final int historyBase;
    private Event current;
    private PathNode path;
    private KeyHistory history;
    private long at;
    /** Counts and, for long loops, the events per variable of the current path; reset by {@link #set}. */
    private final int[] counts;
    private Event[][] byVariable;

    MatchContext(RuleProgram rule, int windowBase, int historyBase) {
        this.variables = rule.variables().size();
        this.windowBase = windowBase;
        this.historyBase = historyBase;
        this.counts = new int[variables];
    }

    MatchContext set(Event current, PathNode path, KeyHistory history, long at) {
        this.current = current;
        this.path = path;
        this.history = history;
        this.at = at;
        java.util.Arrays.fill(counts, -1);
        this.byVariable = null;
        return this;
    }

    @Override
    public Event current() {
        return current;
    }

    @Override
    public int count(int variable) {
        if (path == null) {
            return 0;
        }
        if (counts[variable] < 0) {
            counts[variable] = path.count(variable);
        }
        return counts[variable];
    }

    /**
     * An event of a variable by its place in time order. Most conditions read one end of a short
     * path (`a.x`, `probe.first`, `.last`): walking the path allocates nothing and keeps nothing
     * alive. Aggregates over a long loop read every place, so beyond a few the path is laid out
     * once per evaluation.
     */
    @Override
    public Event event(int variable, int index) {
        int n = count(variable);
        if (n <= 8 || index == n - 1) {
            return path.fromNewest(variable, n - 1 - index);
        }
        if (byVariable == null) {
            byVariable = path.byVariable(variables);
        }
        return byVariable[variable][index];
    }

    @Override
    public long windowLong(int window) {
        return history.windowLong(windowBase + window, at);
    }

    @Override
    public double windowDouble(int window) {
        return history.windowDouble(windowBase + window, at);
    }

    @Override
    public BigDecimal windowDecimal(int window) {
        return history.windowDecimal(windowBase + window, at);
    }

    @Override
    public boolean historyContains(int h, Object value) {
        return history.historyContains(historyBase + h, at, current, value);
    }

    @Override
    public long firstSeen(int h, Object value) {
        return seen(history.firstSeen(historyBase + h, at, current, value));
    }

    @Override
    public long lastSeen(int h, Object value) {
        return seen(history.lastSeen(historyBase + h, at, current, value));
    }

    private static long seen(long time) {
        if (time == KeyHistory.NEVER) {
            throw NoValue.INSTANCE;
        }
        return time;
    }

    @Override
    public double score() {
        // Rules with a `score` clause are refused until the scoring module lands (see RuleRunner).
        throw new IllegalStateException("no scoring model is loaded");
    }
}
