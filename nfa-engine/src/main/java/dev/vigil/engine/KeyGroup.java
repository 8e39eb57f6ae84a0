package dev.vigil.engine;

import dev.vigil.dsl.program.KeySpec;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.nfa.KeyState;
import dev.vigil.engine.window.HistoryLayout;
import dev.vigil.engine.window.KeyHistory;
import dev.vigil.state.KeyedStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that share a partition key (the same key fields). They keep their state for a key in
 * one entry, so an event costs one state look-up per key group, not one per rule, and the events
 * their windows and history look-ups read are kept once for the group ({@link KeyHistory}).
 */
final class KeyGroup {
    /** Every rule's state for one key of the group, indexed by the rule's place in the group, and the key's history. */
    static final class States {
        final KeyState[] byRule;
        final KeyHistory history;
        /** The time of the timer registered for this key (one for the whole group), or Long.MAX_VALUE. */
        long timerAt = Long.MAX_VALUE;
        /**
         * Whether a timer of the output kind is registered, at or before the earliest output
         * deadline (false: only clean-up, which the end of the input skips; see Engine.schedule).
         */
        boolean outputTimer;

        States(int rules, KeyHistory history) {
            this.byRule = new KeyState[rules];
            this.history = history;
        }

        boolean idle() {
            for (KeyState s : byRule) {
                if (s != null && !s.idle()) {
                    return false;
                }
            }
            return history.isEmpty();
        }
    }

    final List<Integer> rules = new ArrayList<>();
    final Map<EventSchema, int[]> localRulesByType = new HashMap<>();
    final HistoryLayout history;
    final KeyedStore<States> store;
    /** Per event type, the key of a rule that reads it: the rules of a group share their key fields. */
    private final Map<EventSchema, KeySpec> keyByType = new HashMap<>();

    KeyGroup(HistoryLayout history, KeyedStore<States> store) {
        this.history = history;
        this.store = store;
    }

    /** The state of a key the group has kept nothing for. */
    States newStates() {
        return new States(rules.size(), history.newHistory());
    }

    String keyOf(Event e) {
        return keyByType.get(e.schema()).keyOf(e);
    }

    /**
     * The namespace of the group's timers that may produce output: its first rule's number.
     * (Format 1 state filed a timer per rule under the rule's own number, format 2 one per group
     * under this one; both still wake the right group, as timers that may produce output.)
     */
    int outputTimerNamespace() {
        return rules.get(0);
    }

    /** The namespace of the group's clean-up timers: after every rule's number. */
    int cleanupTimerNamespace(int ruleCount) {
        return ruleCount + rules.get(0);
    }

    void add(int globalRule, RuleProgram rule) {
        int local = rules.size();
        rules.add(globalRule);
        for (EventSchema s : rule.key().slots().keySet()) {
            int[] old = localRulesByType.getOrDefault(s, new int[0]);
            int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = local;
            localRulesByType.put(s, grown);
            keyByType.putIfAbsent(s, rule.key());
        }
    }
}
