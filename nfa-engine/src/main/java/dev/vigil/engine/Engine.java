package dev.vigil.engine;

import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import dev.vigil.engine.nfa.Deadlines;
import dev.vigil.engine.nfa.KeptEvents;
import dev.vigil.engine.nfa.KeyState;
import dev.vigil.engine.nfa.Match;
import dev.vigil.engine.nfa.RuleRunner;
import dev.vigil.engine.time.EventTimeBuffer;
import dev.vigil.engine.window.HistoryLayout;
import dev.vigil.state.StateBackend;
import dev.vigil.state.TimerQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The operator both drivers run: events in (any order within the declared bounds), matches out.
 * It orders events by event time ({@link EventTimeBuffer}), routes each to every rule that reads
 * its type, keyed by the rule's key, steps that rule's NFA for that key (state in a
 * {@link StateBackend}), and fires event-time timers for {@code within} and absences as the
 * watermark passes. Single-threaded; a {@link ShardedEngine} runs several, each owning a share of
 * the keys ({@link KeyShard}) and seeing every event's time, so all of them keep one watermark.
 */
public final class Engine {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    private final List<RuleRunner> runners = new ArrayList<>();
    private final List<KeyGroup> groups = new ArrayList<>();
    /** For each rule: its key group (a fired timer names a rule of its group). */
    private final int[] groupOfRule;
    private final Map<EventSchema, int[]> groupsByType = new HashMap<>();
    private final TimerQueue timers;
    private final EventTimeBuffer buffer;
    private final Outputs outputs;
    private final EngineCounters counters = new EngineCounters();
    private final EventCodec events;
    private final Deadlines deadlines = new Deadlines(); // scratch of schedule()
    /** Per rule, a blank state an event can be tried on: most events leave most rules nothing to keep. */
    private final KeyState[] spares;
    /** Whether a store reads hinted keys ahead (from disk); in memory, no event's keys are worked out for hints. */
    private final boolean hints;
    private final KeyShard shard;
    /** Where the engine stands in its processing order: see {@link #position()}. */
    private long atTime = Long.MIN_VALUE;
    private int atPhase;
    private long atTie;
    private String atKey = "";

    public Engine(List<RuleProgram> rules, List<EventSchema> schemas, int partitions, EngineConfig config,
                  StateBackend state, Outputs outputs) {
        this(rules, schemas, partitions, config, state, outputs, KeyShard.ALL);
    }

    /** An engine that processes the keys {@code shard} owns (and every event's time, for the watermark). */
    public Engine(List<RuleProgram> rules, List<EventSchema> schemas, int partitions, EngineConfig config,
                  StateBackend state, Outputs outputs, KeyShard shard) {
        this.shard = shard;
        this.outputs = outputs;
        this.timers = state.timers();
        long outOfOrder = 0;
        long lateness = 0;
        for (EventSchema s : schemas) {
            outOfOrder = Math.max(outOfOrder, s.outOfOrderMillis());
            lateness = Math.max(lateness, s.latenessMillis());
        }
        this.buffer = new EventTimeBuffer(partitions, outOfOrder, lateness);
        this.groupOfRule = new int[rules.size()];
        this.spares = new KeyState[rules.size()];
        Map<List<String>, List<Integer>> rulesByKey = new java.util.LinkedHashMap<>();
        for (int index = 0; index < rules.size(); index++) {
            RuleProgram rule = rules.get(index);
            counters.matchesByRule.put(rule.name(), 0L);
            rulesByKey.computeIfAbsent(rule.key().fields(), k -> new ArrayList<>()).add(index);
        }
        RuleRunner.Listener capped = (r, key, dropped) -> LOG.warning("rule " + r.name() + ", key " + key
                + ": more than the allowed partial matches; the oldest are dropped (reported once per rule and key)");
        RuleRunner[] byIndex = new RuleRunner[rules.size()];
        this.events = new EventCodec(schemas);
        rulesByKey.forEach((fields, members) -> {
            // The group's rules share one history per key, laid out for all of them,
            // and one copy of each event their partial matches keep.
            List<RuleProgram> memberRules = members.stream().map(rules::get).toList();
            HistoryLayout layout = new HistoryLayout(memberRules);
            KeptEvents kept = new KeptEvents(memberRules);
            List<RuleRunner> groupRunners = new ArrayList<>();
            for (int place = 0; place < members.size(); place++) {
                int index = members.get(place);
                byIndex[index] = new RuleRunner(rules.get(index), config.maxPartialsPerKey(), capped, layout, kept, place);
                groupRunners.add(byIndex[index]);
            }
            KeyGroup group = new KeyGroup(layout, state.store("nfa/" + String.join("+", fields),
                    new KeyGroupCodec(groupRunners, layout, events)));
            groups.add(group);
            for (int index : members) {
                groupOfRule[index] = groups.size() - 1;
                group.add(index, rules.get(index));
            }
        });
        runners.addAll(List.of(byIndex));
        Map<EventSchema, List<Integer>> routes = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (EventSchema s : groups.get(g).localRulesByType.keySet()) {
                routes.computeIfAbsent(s, k -> new ArrayList<>()).add(g);
            }
        }
        routes.forEach((s, list) -> groupsByType.put(s, list.stream().mapToInt(Integer::intValue).toArray()));
        this.hints = groups.stream().anyMatch(g -> g.store.readsAhead());
    }

    public EngineCounters counters() {
        counters.partialsDropped = runners.stream().mapToLong(RuleRunner::partialsDropped).sum();
        return counters;
    }

    /**
     * The engine's state that is not kept per key (events waiting for the watermark, the inputs'
     * progress, the counts) as bytes. Together with a consistent copy of the state backend taken
     * at the same point, it is everything a resumed run needs.
     */
    public byte[] snapshot() {
        StateWriter w = new StateWriter();
        w.writeByte(SNAPSHOT_VERSION);
        buffer.write(w, events);
        w.writeVarLong(counters.accepted);
        w.writeVarLong(counters.late);
        w.writeVarInt(runners.size());
        for (RuleRunner r : runners) {
            w.writeString(r.rule().name());
            w.writeVarLong(counters.matchesByRule.get(r.rule().name()));
            w.writeVarLong(r.partialsDropped());
        }
        return w.toBytes();
    }

    /** Puts back what {@link #snapshot} wrote; the keyed state comes with the state backend. */
    public void restore(byte[] snapshot) {
        StateReader r = new StateReader(snapshot);
        int version = r.readByte();
        if (version != SNAPSHOT_VERSION) {
            throw new IllegalStateException("engine snapshot in format " + version + ", which this Vigil (format "
                    + SNAPSHOT_VERSION + ") cannot read");
        }
        buffer.read(r, events);
        counters.accepted = r.readVarLong();
        counters.late = r.readVarLong();
        int rules = r.readVarInt();
        if (rules != runners.size()) {
            throw new IllegalStateException("the snapshot has " + rules + " rules, this run " + runners.size());
        }
        for (RuleRunner runner : runners) {
            String name = r.readString();
            if (!name.equals(runner.rule().name())) {
                throw new IllegalStateException("the snapshot has rule " + name + " where this run has " + runner.rule().name());
            }
            counters.matchesByRule.put(name, r.readVarLong());
            runner.partialsDropped(r.readVarLong());
        }
    }

    private static final int SNAPSHOT_VERSION = 1;

    /**
     * Offers a decoded event from an input partition; late events go to {@link Outputs#late}. An
     * event none of this engine's keys reads only moves the watermark.
     */
    public void accept(int partition, Event e) {
        boolean mine = ownsAndHints(e);
        String late = mine ? buffer.offer(partition, e) : buffer.observe(partition, e);
        if (late != null) {
            counters.late++;
            outputs.late(e, late);
        } else {
            counters.accepted++;
        }
    }

    /**
     * Whether the event is this engine's to process (it owns every key, or one of the keys the
     * event's groups read). The event now waits for the watermark: meanwhile a store that reads
     * ahead is hinted the owned keys, so their state comes from disk in the background (a late
     * event's hint costs a read, nothing more; late events are rare).
     */
    private boolean ownsAndHints(Event e) {
        if (shard.isAll() && !hints) {
            return true;
        }
        int[] reading = groupsByType.get(e.schema());
        if (reading == null) {
            return shard.isAll();
        }
        boolean owns = false;
        for (int g : reading) {
            KeyGroup group = groups.get(g);
            String key = group.keyOf(e);
            if (shard.owns(key)) {
                owns = true;
                if (!hints) {
                    break;
                }
                group.store.prefetch(key);
            }
        }
        return owns || shard.isAll();
    }

    /**
     * Where the engine stands in the order one engine over every key would emit its results in.
     * {@link ShardedEngine} merges its shards' results by it, so that their output is the same,
     * line for line, as one engine's. It never moves back: something done right after an item (a
     * timer due at once) stands where that item does.
     */
    public OutputOrder position() {
        return new OutputOrder(atTime, atPhase, atTie, atKey);
    }

    private void moveTo(long time, int phase, long tie, String key) {
        int c = OutputOrder.compare(time, phase, tie, key, atTime, atPhase, atTie, atKey);
        if (c > 0) {
            atTime = time;
            atPhase = phase;
            atTie = tie;
            atKey = key;
        }
    }

    /** A partition has ended or gone idle. */
    public void finishPartition(int partition) {
        buffer.finish(partition);
    }

    /** Processes every event and timer the watermark has passed. */
    public void advance() {
        long bound = buffer.releaseBound();
        while (true) {
            Event e = buffer.peekReady(bound);
            TimerQueue.Timer t = timers.peek();
            boolean timerFirst = t != null && t.time() < bound && (e == null || t.time() < e.time());
            if (timerFirst) {
                timers.poll();
                fire(t);
            } else if (e != null) {
                buffer.poll();
                process(e);
            } else {
                return;
            }
        }
    }

    /** End of a bounded input: every partition is done, time moves to the end, pending timeouts fire. */
    public void finish(int partitions) {
        for (int p = 0; p < partitions; p++) {
            buffer.finish(p);
        }
        advance();
        long end = buffer.maxTime();
        for (KeyGroup group : groups) {
            if (group.rules.stream().noneMatch(r -> runners.get(r).canWaitForEnd())) {
                continue; // visiting every key of a large store costs as much as the replay's last day
            }
            // Only runs waiting for one more event (`not next x` at the end, unbounded) complete here;
            // visit just their keys, in a fixed order, so the same input gives the same output.
            List<String> keys = new ArrayList<>();
            group.store.forEach((key, states) -> {
                if (waitsForEnd(group, states)) {
                    keys.add(key);
                }
            });
            java.util.Collections.sort(keys);
            int groupIndex = groups.indexOf(group);
            for (String key : keys) {
                moveTo(Long.MAX_VALUE, OutputOrder.END, groupIndex, key);
                KeyGroup.States states = group.store.get(key);
                for (int local = 0; local < group.rules.size(); local++) {
                    KeyState st = states.byRule[local];
                    if (st != null) {
                        emit(runners.get(group.rules.get(local)).onEnd(st, states.history, key, end));
                    }
                }
                save(group, key, states);
            }
        }
    }

    private boolean waitsForEnd(KeyGroup group, KeyGroup.States states) {
        for (int local = 0; local < group.rules.size(); local++) {
            KeyState st = states.byRule[local];
            if (st != null && runners.get(group.rules.get(local)).waitsForEnd(st)) {
                return true;
            }
        }
        return false;
    }

    private void process(Event e) {
        int[] reading = groupsByType.get(e.schema());
        if (reading == null) {
            return;
        }
        for (int g : reading) {
            KeyGroup group = groups.get(g);
            String key = group.keyOf(e);
            if (!shard.owns(key)) {
                continue;
            }
            moveTo(e.time(), OutputOrder.EVENT, e.sequence() * groups.size() + g, "");
            int[] locals = group.localRulesByType.get(e.schema());
            KeyGroup.States states = group.store.get(key);
            if (states == null) {
                states = group.newStates();
            }
            // once for the group's rules, before they look at their windows
            boolean changed = states.history.add(e);
            for (int local : locals) {
                int r = group.rules.get(local);
                KeyState st = states.byRule[local];
                boolean fresh = st == null;
                if (fresh) {
                    st = spares[r] != null ? spares[r] : runners.get(r).newState();
                    spares[r] = null;
                    states.byRule[local] = st;
                }
                emit(runners.get(r).onEvent(st, states.history, key, e));
                if (dropIfIdle(states, local, st) && fresh) {
                    spares[r] = st; // it kept nothing from its one event: as blank as a new one
                } else {
                    changed = true;
                }
            }
            // Pruned after the rules: a run that timed out before this event was reported with
            // the windows as they stood at its deadline.
            states.history.prune(e.time());
            if (schedule(group, key, states) || changed) {
                save(group, key, states);
            }
            // Otherwise the event changed nothing a rule can see (a login no partial match waits
            // for): the stored value stands, and is not written again. What the prune let go of
            // is unreachable from here on, and goes again at the key's next event or timer.
        }
    }

    private void fire(TimerQueue.Timer t) {
        boolean cleanup = t.namespace() >= runners.size();
        if (cleanup && buffer.ended()) {
            return; // the input has ended: clean-up changes nothing any more, and would read every key's state
        }
        KeyGroup group = groups.get(groupOfRule[cleanup ? t.namespace() - runners.size() : t.namespace()]);
        KeyGroup.States states = group.store.get(t.key());
        if (states == null || t.time() < states.timerAt) {
            return; // the key's state went, or an earlier timer replaced this one and woke it already
        }
        moveTo(t.time(), OutputOrder.TIMER, t.namespace(), t.key());
        states.timerAt = Long.MAX_VALUE;
        states.outputTimer = false;
        // Every rule lets time pass, not only those with a deadline due: clean-up waits for the
        // group's last expiry, and each rule's expired parts go now.
        for (int local = 0; local < group.rules.size(); local++) {
            KeyState st = states.byRule[local];
            if (st != null) {
                emit(runners.get(group.rules.get(local)).onTimer(st, states.history, t.key(), t.time()));
                dropIfIdle(states, local, st);
            }
        }
        states.history.prune(t.time()); // history ages out even for a key that sees no more events
        schedule(group, t.key(), states);
        save(group, t.key(), states);
    }

    /**
     * Makes sure a timer wakes the key when its group next needs it (see {@link Deadlines}). Only
     * an earlier time needs a new timer: one registered for a time that has become too early
     * fires, finds nothing due, and schedules again; one made stale by an earlier timer is skipped.
     * A timer is of the output kind when an output is due: the end of the input fires only those,
     * so an output deadline always has one (registered even when an earlier clean-up timer is).
     * Returns whether it registered one (the key's state then records it).
     */
    private boolean schedule(KeyGroup group, String key, KeyGroup.States states) {
        deadlines.reset();
        deadlines.expires(states.history.emptyAfter());
        for (int local = 0; local < group.rules.size(); local++) {
            KeyState st = states.byRule[local];
            if (st != null) {
                runners.get(group.rules.get(local)).deadlines(st, deadlines);
            }
        }
        long wake = deadlines.wake();
        boolean output = deadlines.outputDue();
        if (wake < states.timerAt || output && !states.outputTimer) {
            timers.register(wake, output ? group.outputTimerNamespace() : group.cleanupTimerNamespace(runners.size()), key);
            states.timerAt = Math.min(states.timerAt, wake);
            states.outputTimer |= output;
            return true;
        }
        return false;
    }

    /**
     * Most rules hold nothing for most keys between events: their state goes, so a million keys do
     * not keep a million empty states alive. A stale timer of a dropped state finds nothing and
     * does nothing. (A state that has reported its partial-match cap stays, so it reports once.)
     * Returns whether the state went.
     */
    private static boolean dropIfIdle(KeyGroup.States states, int local, KeyState st) {
        if (st.disposable()) {
            states.byRule[local] = null;
            return true;
        }
        return false;
    }

    private void save(KeyGroup group, String key, KeyGroup.States states) {
        if (states.idle()) {
            group.store.remove(key);
        } else {
            group.store.put(key, states);
        }
    }

    private void emit(List<Match> matches) {
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            counters.matchesByRule.merge(m.rule().name(), 1L, Long::sum);
            outputs.match(m);
        }
    }
}
