package dev.vigil.engine;

import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import dev.vigil.engine.nfa.KeyState;
import dev.vigil.engine.nfa.RuleRunner;
import dev.vigil.state.Codec;
import java.util.List;

/**
 * A key group's state for one key as bytes, for stores that keep state off the heap: a format
 * version, then each rule's state (or its absence) in the group's rule order. A newer Vigil
 * reads older versions; a version it does not know is refused, not misread.
 */
final class KeyGroupCodec implements Codec<KeyGroup.States> {
    static final int VERSION = 1;

    private final List<RuleRunner> runners;
    private final EventCodec events;

    /** {@code runners}: the group's rules, in their place in the group. */
    KeyGroupCodec(List<RuleRunner> runners, EventCodec events) {
        this.runners = runners;
        this.events = events;
    }

    @Override
    public byte[] encode(KeyGroup.States states) {
        StateWriter w = new StateWriter();
        w.writeByte(VERSION);
        w.writeVarInt(states.byRule.length);
        for (int i = 0; i < states.byRule.length; i++) {
            KeyState st = states.byRule[i];
            w.writeBoolean(st != null);
            if (st != null) {
                runners.get(i).writeState(w, st, events);
            }
        }
        return w.toBytes();
    }

    @Override
    public KeyGroup.States decode(byte[] bytes) {
        StateReader r = new StateReader(bytes);
        int version = r.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("key state written in format " + version + ", which this Vigil (format "
                    + VERSION + ") cannot read");
        }
        int rules = r.readVarInt();
        if (rules != runners.size()) {
            throw new IllegalStateException("key state of " + rules + " rules for a group of " + runners.size()
                    + ": the state was written by another rule set");
        }
        KeyGroup.States states = new KeyGroup.States(rules);
        for (int i = 0; i < rules; i++) {
            if (r.readBoolean()) {
                states.byRule[i] = runners.get(i).readState(r, events);
            }
        }
        return states;
    }
}
