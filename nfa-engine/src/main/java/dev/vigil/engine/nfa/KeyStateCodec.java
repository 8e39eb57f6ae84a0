package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.PatternNode;
import dev.vigil.dsl.program.Quantifier;
import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.codec.EventCodec;
import dev.vigil.engine.codec.StateReader;
import dev.vigil.engine.codec.StateWriter;
import dev.vigil.engine.window.HistoryLayout;
import dev.vigil.engine.window.KeyHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule's state for one key as bytes. Runs share path nodes and greedy/reluctant choices by
 * identity (sibling runs consult one choice), so each is written once into a table and referred
 * to by its place: what is read back shares exactly what was shared. Events are referred to by
 * their place in the key group's {@link EventTable}, written before the rules' states (format 4;
 * earlier formats wrote a table per rule, still read). NFA nodes are referred to by id, absence
 * guards by variable.
 */
public final class KeyStateCodec {
    // Places of a state's path nodes and choices, made again for every value written: one pair per
    // thread, cleared each time (new ones were a twentieth of what a replay on RocksDB allocated).
    private static final ThreadLocal<IdentityPlaces<PathNode>> NODES = ThreadLocal.withInitial(IdentityPlaces::new);
    private static final ThreadLocal<IdentityPlaces<Choice>> CHOICES = ThreadLocal.withInitial(IdentityPlaces::new);

    private final Nfa nfa;
    private final PatternNode.Stage[] stageByVariable;
    /** The rule's own history layout: how format 4 and earlier wrote the history with each rule's state. */
    private final HistoryLayout legacyHistory;
    private final EventCodec events;

    KeyStateCodec(Nfa nfa, PatternNode.Stage[] stageByVariable, HistoryLayout legacyHistory,
                  EventCodec events) {
        this.nfa = nfa;
        this.stageByVariable = stageByVariable;
        this.legacyHistory = legacyHistory;
        this.events = events;
    }

    /** Enters the events of the state's partial matches in the group's table (before any rule's state is written). */
    public void addEvents(KeyState st, EventTable table) {
        for (int i = 0; i < st.openRuns(); i++) {
            for (PathNode p = st.run(i).path; p != null; p = p.previous) {
                table.indexOf(p.event);
            }
        }
    }

    /** Writes the state; its events are in {@code table} (see {@link #addEvents}). */
    public void write(StateWriter w, KeyState st, EventTable table) {
        w.writeVarLong(st.deadline);
        w.writeBoolean(st.capReported);
        if (st.idle()) {
            // A state without partial matches (kept to report its cap once): the same bytes, no tables built.
            w.writeVarInt(0); // nodes
            w.writeVarInt(0); // choices
            w.writeVarInt(0); // runs
            return;
        }
        IdentityPlaces<PathNode> nodes = NODES.get();
        IdentityPlaces<Choice> choices = CHOICES.get();
        nodes.clear();
        choices.clear();
        for (int i = 0; i < st.openRuns(); i++) {
            Run r = st.run(i);
            collect(r.path, nodes);
            for (Choice.Member m : r.choices) {
                if (choices.placeOf(m.choice()) < 0) {
                    choices.add(m.choice());
                }
            }
        }
        w.writeVarInt(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            PathNode n = nodes.get(i);
            w.writeVarInt(n.variable);
            w.writeVarInt(table.indexOf(n.event));
            w.writeVarInt(n.previous == null ? -1 : nodes.placeOf(n.previous));
        }
        w.writeVarInt(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            w.writeVarInt(choices.get(i).greed.ordinal());
        }
        w.writeVarInt(st.openRuns());
        for (int i = 0; i < st.openRuns(); i++) {
            Run r = st.run(i);
            Shape.Key shape = r.shape.key;
            w.writeVarInt(shape.at());
            w.writeVarInt(shape.waiting() == null ? -1 : shape.waiting().ordinal());
            w.writeVarLong(shape.gapMillis());
            w.writeVarInt(shape.guard());
            w.writeBoolean(shape.guardNextOnly());
            w.writeVarLong(r.guardUntil);
            w.writeVarInt(r.path == null ? -1 : nodes.placeOf(r.path));
            w.writeVarLong(r.startTime);
            w.writeVarLong(r.lastTime);
            w.writeVarInt(r.choices.length);
            for (Choice.Member m : r.choices) {
                w.writeVarInt(choices.placeOf(m.choice()));
                w.writeBoolean(m.loopSide());
            }
        }
    }

    /** The NFA's own shape for a stored run (shared, as the runs it opens share it), else a new one. */
    private Shape shape(Shape.Key key) {
        Shape known = nfa.shape(key);
        if (known != null) {
            return known;
        }
        return new Shape(key.at() < 0 ? null : nfa.takes().get(key.at()), key.waiting(), key.gapMillis(),
                key.guard() < 0 ? null : stageByVariable[key.guard()], key.guardNextOnly());
    }

    /** Places the path's nodes not placed yet, each after the one before it in its path. */
    private static void collect(PathNode path, IdentityPlaces<PathNode> nodes) {
        int fresh = 0;
        for (PathNode p = path; p != null && nodes.placeOf(p) < 0; p = p.previous) {
            fresh++;
        }
        if (fresh == 0) {
            return;
        }
        PathNode[] newestFirst = new PathNode[fresh];
        PathNode p = path;
        for (int i = 0; i < fresh; i++, p = p.previous) {
            newestFirst[i] = p;
        }
        for (int i = fresh - 1; i >= 0; i--) {
            nodes.add(newestFirst[i]);
        }
    }

    /** Reads a state of format 5 or later; {@code shared} is the group's event table. */
    public KeyState read(StateReader r, Event[] shared) {
        return read(r, shared, null);
    }

    /**
     * Reads a state of format 4 or earlier, which kept the rule's own history: it is added to
     * {@code histories}, for the group to merge ({@link KeyHistory#merged}). {@code shared} is the
     * group's event table, or null for formats 1-3, where each rule wrote its own.
     */
    public KeyState readWithHistory(StateReader r, Event[] shared, List<KeyHistory> histories) {
        return read(r, shared, histories);
    }

    private KeyState read(StateReader r, Event[] shared, List<KeyHistory> histories) {
        long deadline = r.readVarLong();
        boolean capReported = r.readBoolean();
        if (histories != null) {
            histories.add(KeyHistory.read(legacyHistory, r));
        }
        KeyState st = new KeyState();
        st.deadline = deadline;
        st.capReported = capReported;
        Event[] eventTable = shared != null ? shared : EventTable.read(r, events, EventCodec.RecordForm.AS_READ);
        PathNode[] nodes = new PathNode[r.readVarInt()];
        for (int i = 0; i < nodes.length; i++) {
            int variable = r.readVarInt();
            Event e = eventTable[r.readVarInt()];
            int previous = r.readVarInt();
            nodes[i] = new PathNode(variable, e, previous < 0 ? null : nodes[previous]);
        }
        Choice[] choices = new Choice[r.readVarInt()];
        for (int i = 0; i < choices.length; i++) {
            choices[i] = new Choice(Quantifier.Greed.values()[r.readVarInt()]);
        }
        int runs = r.readVarInt();
        List<Run> list = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            int at = r.readVarInt();
            int wait = r.readVarInt();
            long gap = r.readVarLong();
            int guard = r.readVarInt();
            boolean nextOnly = r.readBoolean();
            long guardUntil = r.readVarLong();
            int path = r.readVarInt();
            long start = r.readVarLong();
            long last = r.readVarLong();
            Choice.Member[] members = new Choice.Member[r.readVarInt()];
            for (int m = 0; m < members.length; m++) {
                members[m] = new Choice.Member(choices[r.readVarInt()], r.readBoolean());
            }
            list.add(new Run(shape(new Shape.Key(at, wait < 0 ? null : Contiguity.values()[wait], gap, guard, nextOnly)),
                    guardUntil, path < 0 ? null : nodes[path], start, last, members));
        }
        st.setRuns(list);
        return st;
    }
}
