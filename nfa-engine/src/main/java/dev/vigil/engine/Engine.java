package dev.vigil.engine;

import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.nfa.KeyState;
import dev.vigil.engine.nfa.Match;
import dev.vigil.engine.nfa.RuleRunner;
import dev.vigil.engine.time.EventTimeBuffer;
import dev.vigil.state.KeyedStore;
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
 * watermark passes. Single-threaded: one engine per input partition group.
 */
public final class Engine {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    private final List<RuleRunner> runners = new ArrayList<>();
    private final List<KeyedStore<KeyState>> stores = new ArrayList<>();
    private final Map<EventSchema, int[]> rulesByType = new HashMap<>();
    private final TimerQueue timers;
    private final EventTimeBuffer buffer;
    private final Outputs outputs;
    private final EngineCounters counters = new EngineCounters();

    public Engine(List<RuleProgram> rules, List<EventSchema> schemas, int partitions, EngineConfig config,
                  StateBackend state, Outputs outputs) {
        this.outputs = outputs;
        this.timers = state.timers();
        long outOfOrder = 0;
        long lateness = 0;
        for (EventSchema s : schemas) {
            outOfOrder = Math.max(outOfOrder, s.outOfOrderMillis());
            lateness = Math.max(lateness, s.latenessMillis());
        }
        this.buffer = new EventTimeBuffer(partitions, outOfOrder, lateness);
        Map<EventSchema, List<Integer>> routes = new HashMap<>();
        for (RuleProgram rule : rules) {
            int index = runners.size();
            RuleRunner runner = new RuleRunner(rule, config.maxPartialsPerKey(), (r, key, dropped) ->
                    LOG.warning("rule " + r.name() + ", key " + key + ": more than the allowed partial matches; the oldest"
                            + " are dropped (reported once per rule and key)"));
            runners.add(runner);
            stores.add(state.store("nfa/" + rule.name(), null));
            counters.matchesByRule.put(rule.name(), 0L);
            for (EventSchema s : rule.key().slots().keySet()) {
                routes.computeIfAbsent(s, k -> new ArrayList<>()).add(index);
            }
        }
        routes.forEach((s, list) -> rulesByType.put(s, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    public EngineCounters counters() {
        counters.partialsDropped = runners.stream().mapToLong(RuleRunner::partialsDropped).sum();
        return counters;
    }

    /** Offers a decoded event from an input partition; late events go to {@link Outputs#late}. */
    public void accept(int partition, Event e) {
        String late = buffer.offer(partition, e);
        if (late != null) {
            counters.late++;
            outputs.late(e, late);
        } else {
            counters.accepted++;
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
        for (int r = 0; r < runners.size(); r++) {
            List<String> keys = new ArrayList<>();
            stores.get(r).forEach((key, st) -> keys.add(key));
            java.util.Collections.sort(keys); // a fixed order, so the same input gives the same output
            for (String key : keys) {
                KeyState st = stores.get(r).get(key);
                emit(runners.get(r).onEnd(st, key, end));
                save(r, key, st);
            }
        }
    }

    private void process(Event e) {
        int[] rules = rulesByType.get(e.schema());
        if (rules == null) {
            return;
        }
        for (int r : rules) {
            RuleRunner runner = runners.get(r);
            String key = runner.rule().key().keyOf(e);
            KeyedStore<KeyState> store = stores.get(r);
            KeyState st = store.get(key);
            if (st == null) {
                st = runner.newState();
            }
            emit(runner.onEvent(st, key, e));
            save(r, key, st);
        }
    }

    private void fire(TimerQueue.Timer t) {
        KeyState st = stores.get(t.namespace()).get(t.key());
        if (st == null) {
            return;
        }
        RuleRunner runner = runners.get(t.namespace());
        st.timerAt(Long.MAX_VALUE);
        emit(runner.onTimer(st, t.key(), t.time()));
        save(t.namespace(), t.key(), st);
    }

    private void save(int rule, String key, KeyState st) {
        KeyedStore<KeyState> store = stores.get(rule);
        if (st.idle()) {
            store.remove(key);
            return;
        }
        long deadline = runners.get(rule).nextDeadline(st);
        if (deadline != Long.MAX_VALUE && deadline != st.timerAt()) {
            timers.register(deadline, rule, key);
            st.timerAt(deadline);
        }
        store.put(key, st);
    }

    private void emit(List<Match> matches) {
        for (Match m : matches) {
            counters.matchesByRule.merge(m.rule().name(), 1L, Long::sum);
            outputs.match(m);
        }
    }
}
