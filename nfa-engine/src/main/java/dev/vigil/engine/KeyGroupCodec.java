package dev.vigil.engine;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import dev.vigil.engine.nfa.EventTable;
import dev.vigil.engine.nfa.KeyState;
import dev.vigil.engine.nfa.KeyStateCodec;
import dev.vigil.engine.nfa.RuleRunner;
import dev.vigil.engine.window.HistoryLayout;
import dev.vigil.engine.window.KeyHistory;
import dev.vigil.state.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * A key group's state for one key as bytes, for stores that keep state off the heap: a format
 * version, the time of the group's timer for the key, then each rule's state (or its absence) in
 * the group's rule order. A newer Vigil reads older versions; a version it does not know is
 * refused, not misread.
 *
 * <p>Format 1 had no group timer (each rule registered its own, at the time its state kept): the
 * earliest of those stands in for it. Format 2 did not say whether the timer was one that may
 * produce output: its timers are all taken as such, and the flag as false, so that an output
 * deadline gets a timer of its own. Format 3 wrote each rule's kept events with that rule's
 * state; format 4 writes the group's events once, first ({@link EventTable}). Formats 1-4 wrote
 * each rule's history with its state; format 5 writes the group's one history after the events
 * (the rules' histories of older formats are merged into it as they are read). Format 6 writes
 * the kept events' records as read in their compact form ({@link dev.vigil.engine.codec.RecordCodec}).
 */
final class KeyGroupCodec implements Codec<KeyGroup.States> {
    static final int VERSION = 6;
    /** Values are encoded on the state's background threads (and in tests on others): a writer per thread, reused. */
    private static final ThreadLocal<StateWriter> WRITER = ThreadLocal.withInitial(StateWriter::new);
    private static final ThreadLocal<EventTable> TABLE = ThreadLocal.withInitial(EventTable::new);

    private final List<KeyStateCodec> rules;
    private final HistoryLayout history;
    private final EventCodec events;

    /** {@code runners}: the group's rules, in their place in the group; {@code history}: the group's history layout. */
    KeyGroupCodec(List<RuleRunner> runners, HistoryLayout history, EventCodec events) {
        this.rules = runners.stream().map(r -> r.stateCodec(events)).toList();
        this.history = history;
        this.events = events;
    }

    @Override
    public byte[] encode(KeyGroup.States states) {
        StateWriter w = WRITER.get();
        w.reset();
        w.writeByte(VERSION);
        w.writeLong(states.timerAt);
        w.writeBoolean(states.outputTimer);
        w.writeVarInt(states.byRule.length);
        EventTable table = TABLE.get();
        table.clear();
        for (int i = 0; i < states.byRule.length; i++) {
            if (states.byRule[i] != null) {
                rules.get(i).addEvents(states.byRule[i], table);
            }
        }
        table.write(w, events);
        states.history.write(w);
        for (int i = 0; i < states.byRule.length; i++) {
            KeyState st = states.byRule[i];
            w.writeBoolean(st != null);
            if (st != null) {
                rules.get(i).write(w, st, table);
            }
        }
        return w.toBytes();
    }

    @Override
    public KeyGroup.States decode(byte[] bytes) {
        StateReader r = new StateReader(bytes);
        int version = r.readByte();
        if (version < 1 || version > VERSION) {
            throw new IllegalStateException("key state written in format " + version + ", which this Vigil (format "
                    + VERSION + ") cannot read");
        }
        long timerAt = version == 1 ? Long.MAX_VALUE : r.readLong();
        boolean outputTimer = version >= 3 && r.readBoolean();
        int count = r.readVarInt();
        if (count != rules.size()) {
            throw new IllegalStateException("key state of " + count + " rules for a group of " + rules.size()
                    + ": the state was written by another rule set");
        }
        Event[] shared = version >= 4 ? EventTable.read(r, events,
                version >= 6 ? EventCodec.RecordForm.COMPACT : EventCodec.RecordForm.AS_READ) : null;
        KeyState[] byRule = new KeyState[count];
        KeyHistory kept;
        if (version >= 5) {
            kept = KeyHistory.read(history, r);
            for (int i = 0; i < count; i++) {
                if (r.readBoolean()) {
                    byRule[i] = rules.get(i).read(r, shared);
                }
            }
        } else {
            List<KeyHistory> perRule = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (r.readBoolean()) {
                    byRule[i] = rules.get(i).readWithHistory(r, shared, perRule);
                    if (version == 1) {
                        timerAt = Math.min(timerAt, byRule[i].deadline());
                    }
                }
            }
            kept = KeyHistory.merged(history, perRule);
        }
        KeyGroup.States states = new KeyGroup.States(count, kept);
        for (int i = 0; i < count; i++) {
            // A rule that kept only its history (older formats) holds nothing of its own now.
            states.byRule[i] = byRule[i] != null && !byRule[i].disposable() ? byRule[i] : null;
        }
        states.timerAt = timerAt;
        states.outputTimer = outputTimer;
        return states;
    }
}
