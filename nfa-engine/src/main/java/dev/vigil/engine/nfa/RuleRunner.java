package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.OutputValue;
import dev.vigil.dsl.program.PatternNode;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.SkipStrategy;
import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.window.HistoryLayout;
import dev.vigil.engine.window.KeyHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one rule's NFA for one key at a time: feeds it the key's events in event-time order and
 * tells it when time has passed (timers), and returns the matches that pass the rule's
 * {@code when} and {@code alert if}, after-match skip applied. Semantics follow Flink CEP
 * (docs/language.md says where they differ).
 */
public final class RuleRunner {
    /** What the runner reports besides matches. */
    public interface Listener {
        /** A key hit its partial-match bound; called once per rule and key. */
        void partialsCapped(RuleProgram rule, String key, int dropped);
    }

    private final RuleProgram rule;
    private final MatchContext ctx;
    private final long within;
    private final int maxPartials;
    private final Nfa nfa;
    /** Where a new match may begin: runs made once, shared by every key (a take makes a new run). */
    private final List<Run> startRuns = new ArrayList<>();
    /** The layout of the history this rule reads: its key group's (shared with the group's other rules). */
    private final HistoryLayout history;
    private final Listener listener;
    private final KeptEvents kept;
    private long partialsDropped;
    // Scratch lists of onEvent, reused: a runner serves one partition on one thread.
    private final List<Completed> completed = new ArrayList<>();
    private final List<Run> candidates = new ArrayList<>();
    /** The runs a step leaves, copied into the state's own array when it ends. */
    private final List<Run> nextRuns = new ArrayList<>();
    /** By candidate: {@link #TAKES} and {@link #GUARD_HIT}. */
    private byte[] candidateFlags = new byte[16];
    private final List<Choice> touched = new ArrayList<>();

    /**
     * What a run facing the current event learnt (a candidate): whether it could take it, and
     * whether the event is an absence (`not then x`) it may not wait past.
     */
    private static final byte TAKES = 1;
    private static final byte GUARD_HIT = 2;

    /** A rule run on its own: its history is its alone. */
    public RuleRunner(RuleProgram rule, int defaultMaxPartials, Listener listener) {
        this(rule, defaultMaxPartials, listener, HistoryLayout.of(rule), new KeptEvents(List.of(rule)), 0);
    }

    /**
     * A rule at {@code place} in a key group whose rules share the history laid out by {@code history}
     * (made from the group's rules, in their place in the group) and the copies of the events their
     * partial matches keep ({@code kept}).
     */
    public RuleRunner(RuleProgram rule, int defaultMaxPartials, Listener listener, HistoryLayout history,
                      KeptEvents kept, int place) {
        if (rule.score().isPresent()) {
            throw new IllegalArgumentException("rule `" + rule.name() + "` scores with model `" + rule.score().get().model()
                    + "`, and scoring is not available in this build yet");
        }
        this.rule = rule;
        this.ctx = new MatchContext(rule, history.windowBase(place), history.historyBase(place));
        this.within = rule.withinMillis();
        this.maxPartials = rule.maxPartials() > 0 ? (int) Math.min(Integer.MAX_VALUE, rule.maxPartials()) : defaultMaxPartials;
        this.listener = listener;
        this.history = history;
        this.nfa = Nfa.compile(rule);
        this.kept = kept;
        open(nfa.fromStart(), null, Long.MIN_VALUE, Long.MIN_VALUE, startRuns, new ArrayList<>());
    }

    public RuleProgram rule() {
        return rule;
    }

    /** How this rule's state for a key is written and read back, events written by {@code events}. */
    public KeyStateCodec stateCodec(dev.vigil.engine.codec.EventCodec events) {
        PatternNode.Stage[] stages = new PatternNode.Stage[rule.variables().size()];
        stagesOf(rule.pattern(), stages);
        return new KeyStateCodec(nfa, stages, HistoryLayout.of(rule), events);
    }

    private static void stagesOf(PatternNode node, PatternNode.Stage[] out) {
        if (node instanceof PatternNode.Stage s) {
            out[s.variable().index()] = s;
        } else if (node instanceof PatternNode.Group g) {
            stagesOf(g.body(), out);
        } else {
            for (PatternNode.Step step : ((PatternNode.Sequence) node).steps()) {
                stagesOf(step.node(), out);
            }
        }
    }

    public long partialsDropped() {
        return partialsDropped;
    }

    /** Resuming from a snapshot: the count so far. */
    public void partialsDropped(long count) {
        partialsDropped = count;
    }

    public KeyState newState() {
        return new KeyState();
    }

    /** A key's history for a rule run on its own (a group's rules share one: {@link HistoryLayout#newHistory}). */
    public KeyHistory newHistory() {
        return history.newHistory();
    }

    /**
     * Feeds one event of the key; events must come in (time, arrival) order. {@code history} is the
     * key's history, which already holds the event (the key group adds it once for its rules).
     */
    public List<Match> onEvent(KeyState st, KeyHistory history, String key, Event e) {
        // Most events of most rules match nothing, open nothing and keep nothing: on that path
        // nothing is allocated (no output list, no run list, no iterators), which keeps the
        // collector's work to what state really keeps.
        List<Match> out = NO_MATCHES;
        if (e.time() - 1 >= st.deadline) {
            out = onTime(st, history, key, e.time() - 1, out); // something ran out before this event
        }
        List<Run> next = nextRuns;
        next.clear();
        completed.clear();
        candidates.clear();
        touched.clear();
        for (int i = 0, n = st.openRuns(); i < n; i++) {
            Run r = st.run(i);
            if (r.pendingAtEnd()) {
                if (r.guard() != null && e.time() <= r.guardUntil && matches(r.guard(), e, r.path, history)) {
                    continue;
                }
                if (r.guardNextOnly()) {
                    completed.add(new Completed(r.path, e.time()));
                } else {
                    next.add(r);
                }
                continue;
            }
            if (e.time() > r.expiry(within)) {
                continue;
            }
            boolean guardHit = r.guard() != null && e.time() <= r.guardUntil && matches(r.guard(), e, r.path, history);
            if (guardHit && r.guardNextOnly()) {
                continue; // `not next x`: the very next event is x
            }
            PatternNode.Stage stage = r.at().stage();
            if (stage.until().isPresent() && e.schema() == stage.type()
                    && stage.until().get().test(ctx.set(e, r.path, history, e.time()))) {
                continue; // the loop is closed: it takes nothing more
            }
            boolean takes = matches(stage, e, r.path, history);
            // `not then x`: x may not come between; the event the next step takes is not between,
            // but a run that waits past an x is dead.
            if (candidates.size() == candidateFlags.length) {
                candidateFlags = java.util.Arrays.copyOf(candidateFlags, 2 * candidateFlags.length);
            }
            candidateFlags[candidates.size()] = (byte) ((takes ? TAKES : 0) | (guardHit ? GUARD_HIT : 0));
            candidates.add(r);
            if (takes) {
                for (Choice.Member m : r.choices) {
                    if (m.loopSide()) {
                        m.choice().loopCanTake = true;
                    } else {
                        m.choice().exitCanTake = true;
                    }
                    touched.add(m.choice());
                }
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            Run r = candidates.get(i);
            boolean takes = (candidateFlags[i] & TAKES) != 0;
            boolean suppressed = false;
            for (Choice.Member m : r.choices) {
                suppressed |= m.suppressed();
            }
            if (takes && !suppressed) {
                take(r.at(), e, r.path, r.startTime, next, completed);
            }
            boolean persists = (candidateFlags[i] & GUARD_HIT) == 0
                    && (r.waiting() == Contiguity.NON_DETERMINISTIC || r.waiting() == Contiguity.RELAXED && !takes);
            if (persists) {
                next.add(r.guardNextOnly() ? r.withoutGuard() : r);
            }
        }
        for (int i = 0; i < touched.size(); i++) {
            Choice c = touched.get(i);
            c.loopCanTake = false;
            c.exitCanTake = false;
        }
        for (int i = 0; i < startRuns.size(); i++) {
            Run start = startRuns.get(i);
            if (matches(start.at().stage(), e, null, history)) {
                take(start.at(), e, null, e.time(), next, completed);
            }
        }
        st.setRuns(next);
        next.clear(); // holds no run of this key until the next step
        out = emit(st, history, key, completed, out);
        cap(st, key);
        return out;
    }

    /**
     * Time has reached {@code time} for this key (every event up to it has been fed): absences
     * that ran out by then fire, and runs that can no longer finish are dropped.
     */
    public List<Match> onTimer(KeyState st, KeyHistory history, String key, long time) {
        return onTime(st, history, key, time, NO_MATCHES);
    }

    /** Lets time pass; returns {@code out}, or a new list with it and the absences completed. */
    private List<Match> onTime(KeyState st, KeyHistory history, String key, long time, List<Match> out) {
        List<Completed> done = null;
        int kept = 0; // runs that stay move to the front, in order
        int n = st.openRuns();
        for (int i = 0; i < n; i++) {
            Run r = st.run(i);
            boolean goes;
            if (r.pendingAtEnd()) {
                long deadline = r.absenceDeadline(within);
                goes = deadline <= time;
                if (goes) {
                    if (done == null) {
                        done = new ArrayList<>(2);
                    }
                    done.add(new Completed(r.path, deadline));
                }
            } else {
                goes = r.expiry(within) <= time;
            }
            if (!goes) {
                if (kept != i) {
                    st.move(i, kept);
                }
                kept++;
            }
        }
        if (kept == n) {
            return out;
        }
        st.truncate(kept);
        return done == null ? out : emit(st, history, key, done, out);
    }

    /**
     * The input has ended at {@code endTime} (the latest event time seen): an absence at the end
     * that waits for one more event ({@code not next x} with no time bound) can never be broken
     * now, so it completes, detected at the end of the input.
     */
    public List<Match> onEnd(KeyState st, KeyHistory history, String key, long endTime) {
        List<Completed> completed = new ArrayList<>();
        for (int i = 0; i < st.openRuns(); i++) {
            Run r = st.run(i);
            if (waitsForEnd(r)) {
                completed.add(new Completed(r.path, Math.max(endTime, r.lastTime)));
            }
        }
        st.retain(r -> !waitsForEnd(r));
        return emit(st, history, key, completed, NO_MATCHES);
    }

    /**
     * Whether any key could ever have a run that only the end of the input completes: the rule has
     * no {@code within} and an absence with no time bound of its own (checked on the pattern, so
     * the end of the input need not visit every key of rules that cannot).
     */
    public boolean canWaitForEnd() {
        return within == 0 && hasUnboundedAbsence(rule.pattern());
    }

    private static boolean hasUnboundedAbsence(PatternNode node) {
        if (node instanceof PatternNode.Stage) {
            return false;
        }
        if (node instanceof PatternNode.Group g) {
            return hasUnboundedAbsence(g.body());
        }
        for (PatternNode.Step step : ((PatternNode.Sequence) node).steps()) {
            if (step.absent() && step.gapMillis() == 0 || hasUnboundedAbsence(step.node())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the key has a run that only the end of the input can complete (see {@link #onEnd}). */
    public boolean waitsForEnd(KeyState st) {
        for (int i = 0; i < st.openRuns(); i++) {
            if (waitsForEnd(st.run(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean waitsForEnd(Run r) {
        return r.pendingAtEnd() && r.absenceDeadline(within) == Long.MAX_VALUE;
    }

    /**
     * Adds this rule's deadlines for a key to {@code into} (see {@link Deadlines}) and remembers the
     * earliest of them in the state: an event after it first lets time pass ({@link #onEvent}).
     */
    public void deadlines(KeyState st, Deadlines into) {
        long earliest = Long.MAX_VALUE;
        for (int i = 0, n = st.openRuns(); i < n; i++) {
            Run r = st.run(i);
            long end = r.pendingAtEnd() ? r.absenceDeadline(within) : r.expiry(within);
            if (r.pendingAtEnd()) {
                into.output(end);
            }
            earliest = Math.min(earliest, end);
            into.expires(end);
        }
        st.deadline = earliest;
    }

    private boolean matches(PatternNode.Stage stage, Event e, PathNode path, KeyHistory history) {
        return e.schema() == stage.type() && stage.where().test(ctx.set(e, path, history, e.time()));
    }

    /** Takes an event at a take, adding the runs it opens to {@code into}. */
    private void take(NfaNode.Take at, Event e, PathNode path, long startTime, List<Run> into,
                      List<Completed> completed) {
        int variable = at.stage().variable().index();
        PathNode p = new PathNode(variable, nfa.waitsAfter(at) ? kept.of(e) : e, path);
        long start = path == null ? e.time() : startTime;
        open(nfa.afterTake(at), p, start, e.time(), into, completed);
    }

    /** What most calls return: no match (a list is made for the first one). */
    private static final List<Match> NO_MATCHES = java.util.Collections.emptyList();
    private static final Choice.Member[] NO_CHOICES = new Choice.Member[0];

    /**
     * Opens the runs of a closure for a partial match with {@code path} (null: none yet), adding
     * them to {@code runs}; a completed match goes to {@code completed}.
     */
    private static void open(Closure closure, PathNode path, long startTime, long lastTime, List<Run> runs,
                             List<Completed> completed) {
        Choice[] choices = null;
        if (closure.choiceGreeds.length > 0) {
            choices = new Choice[closure.choiceGreeds.length];
            for (int i = 0; i < choices.length; i++) {
                choices[i] = new Choice(closure.choiceGreeds[i]);
            }
        }
        for (Closure.Target t : closure.targets) {
            if (t.completes()) {
                if (path != null) {
                    completed.add(new Completed(path, lastTime)); // completed by the event just taken
                }
                continue;
            }
            long guardUntil = t.guardGapMillis() > 0 ? lastTime + t.guardGapMillis() : Long.MAX_VALUE;
            runs.add(new Run(t.shape(), guardUntil, path, startTime, lastTime, members(t, choices)));
        }
    }

    private static Choice.Member[] members(Closure.Target t, Choice[] choices) {
        if (t.choiceSlots().length == 0) {
            return NO_CHOICES;
        }
        Choice.Member[] members = new Choice.Member[t.choiceSlots().length];
        for (int i = 0; i < members.length; i++) {
            members[i] = new Choice.Member(choices[t.choiceSlots()[i]], t.loopSides()[i]);
        }
        return members;
    }

    /** A match before filtering: its path and when it completed. */
    private record Completed(PathNode path, long detectedAt) {
        Event first() {
            return path.first();
        }
    }

    /**
     * Orders completed paths (in place: each caller passes a list of its own) and filters them into
     * matches; returns {@code out}, or a new list with them added.
     */
    private List<Match> emit(KeyState st, KeyHistory history, String key, List<Completed> completed, List<Match> out) {
        if (completed.isEmpty()) {
            return out;
        }
        if (completed.size() > 1) {
            completed.sort(COMPLETION_ORDER); // the caller's list, made for this call
        }
        List<Prune> prunes = null; // made at the first match that prunes
        for (int i = 0; i < completed.size(); i++) {
            Completed c = completed.get(i);
            Event start = c.first();
            if (prunes != null && discarded(prunes, start)) {
                continue;
            }
            Event last = c.path.event();
            ctx.set(last, c.path, history, c.detectedAt);
            if (rule.when().isPresent() && !rule.when().get().test(ctx)) {
                continue;
            }
            if (rule.alertIf().isPresent() && !rule.alertIf().get().test(ctx)) {
                continue;
            }
            if (out == NO_MATCHES) {
                out = new ArrayList<>(2);
            }
            out.add(toMatch(c, key));
            Prune prune = prune(c);
            if (prune != null) {
                if (prunes == null) {
                    prunes = new ArrayList<>(2);
                }
                prunes.add(prune);
                st.retain(r -> !prune.discards(r.first()));
            }
        }
        return out;
    }

    private static boolean discarded(List<Prune> prunes, Event start) {
        for (int i = 0; i < prunes.size(); i++) {
            if (prunes.get(i).discards(start)) {
                return true;
            }
        }
        return false;
    }

    /** The order events are processed in: event time, ties by arrival. Skip strategies compare in it. */
    static final Comparator<Event> PROCESSING_ORDER = dev.vigil.engine.time.EventTimeBuffer::compare;

    /** Matches leave in detection order; of those detected together, the earlier start first, then the longer. */
    private static final Comparator<Completed> COMPLETION_ORDER = Comparator.comparingLong(Completed::detectedAt)
            .thenComparing(Completed::first, PROCESSING_ORDER)
            .thenComparing(Comparator.comparingInt((Completed c) -> c.path.length()).reversed());

    /** After a match: partial matches starting before {@code bound} (or at it, when inclusive), or at exactly {@code at}, go. */
    private record Prune(Event bound, boolean inclusive, Event at) {
        boolean discards(Event first) {
            if (at != null && PROCESSING_ORDER.compare(first, at) == 0) { // the same event, perhaps as another run's kept copy
                return true;
            }
            if (bound == null) {
                return false;
            }
            int c = PROCESSING_ORDER.compare(first, bound);
            return c < 0 || inclusive && c == 0;
        }
    }

    private Prune prune(Completed c) {
        SkipStrategy skip = rule.skip();
        switch (skip.kind()) {
            case NO_SKIP:
                return null;
            case SKIP_TO_NEXT:
                return new Prune(null, false, c.first());
            case SKIP_PAST_LAST_EVENT:
                return new Prune(c.path.event(), true, null);
            default:
                int v = skip.variable().get().index();
                Event target = null;
                for (PathNode p : c.path.inOrder()) {
                    if (p.variable() == v) {
                        target = p.event();
                        if (skip.kind() == SkipStrategy.Kind.SKIP_TO_FIRST) {
                            break;
                        }
                    }
                }
                return target == null ? null : new Prune(target, false, null);
        }
    }

    private Match toMatch(Completed c, String key) {
        Map<String, List<Event>> byVariable = new LinkedHashMap<>();
        Event[][] events = c.path.byVariable(rule.variables().size());
        for (Variable v : rule.variables()) {
            if (!v.absent() && !v.group()) {
                byVariable.put(v.name(), Collections.unmodifiableList(java.util.Arrays.asList(events[v.index()])));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (OutputValue o : rule.outputs()) {
            values.put(o.name(), o.value().apply(ctx));
        }
        return new Match(rule, key, c.detectedAt, byVariable, values);
    }

    /** Keeps at most maxPartials runs for the key, dropping those that started first. */
    private void cap(KeyState st, String key) {
        int excess = st.openRuns() - maxPartials;
        if (excess <= 0) {
            return;
        }
        st.keepLast(maxPartials, Comparator.comparing(Run::first, PROCESSING_ORDER));
        partialsDropped += excess;
        if (!st.capReported) {
            st.capReported = true;
            listener.partialsCapped(rule, key, excess);
        }
    }
}
