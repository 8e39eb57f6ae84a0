package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.PatternNode;
import dev.vigil.dsl.program.Quantifier;
import dev.vigil.dsl.program.RuleProgram;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The NFA of one rule, compiled from its {@link PatternNode} tree in the manner of Flink CEP's
 * NFACompiler: a step {@code {n,m}} becomes n required copies of its take (or of its group's
 * body) followed by m-n optional ones; an unbounded step ends in a split whose take branch loops
 * back. Steps join through {@link NfaNode.Link} nodes carrying their contiguity, gap bound and
 * absence. The graph is built back to front, so every node's successor exists when it is made;
 * then each take's epsilon closure ({@link Closure}) is worked out once, for every key to share.
 */
public final class Nfa {
    private final RuleProgram rule;
    private final NfaNode start;
    /** Every take, by id (ids are dense: a take's id indexes the arrays below). */
    private final Map<Integer, NfaNode.Take> takes = new LinkedHashMap<>();
    /** By take id: where a run goes once the take has taken an event. */
    private final Closure[] afterTake;
    /** By take id: whether a run can wait after the take, so that the event it took outlives the step. */
    private final boolean[] waitsAfter;
    /** Where a new match may begin: the takes reachable from the start without an event. */
    private final Closure fromStart;
    /** Every shape a run of this NFA can have, for runs read back from stored state to share. */
    private final Map<Shape.Key, Shape> shapes = new HashMap<>();

    private Nfa(RuleProgram rule, NfaNode start, int ids) {
        this.rule = rule;
        this.start = start;
        collectTakes(start, new HashSet<>());
        this.afterTake = new Closure[ids];
        this.waitsAfter = new boolean[ids];
        for (NfaNode.Take t : takes.values()) {
            afterTake[t.id()] = Closure.of(t.next, Contiguity.RELAXED);
            waitsAfter[t.id()] = canWait(t.next, false, new HashSet<>());
            addShapes(afterTake[t.id()]);
        }
        this.fromStart = Closure.of(start, Contiguity.NON_DETERMINISTIC);
        addShapes(fromStart);
    }

    private void addShapes(Closure c) {
        for (Closure.Target target : c.targets) {
            shapes.putIfAbsent(target.shape().key, target.shape());
            shapes.putIfAbsent(target.shape().withoutGuard.key, target.shape().withoutGuard);
        }
    }

    /** The shape of this NFA's runs that a stored run names, or null when none of them has it. */
    Shape shape(Shape.Key key) {
        return shapes.get(key);
    }

    public static Nfa compile(RuleProgram rule) {
        Builder b = new Builder();
        NfaNode start = b.sequence(rule.pattern(), new NfaNode.Final(b.ids++));
        return new Nfa(rule, start, b.ids);
    }

    public RuleProgram rule() {
        return rule;
    }

    public NfaNode start() {
        return start;
    }

    /** Every take of the NFA by its id: stored runs name the take they wait at by id. */
    Map<Integer, NfaNode.Take> takes() {
        return Collections.unmodifiableMap(takes);
    }

    Closure afterTake(NfaNode.Take t) {
        return afterTake[t.id()];
    }

    Closure fromStart() {
        return fromStart;
    }

    boolean waitsAfter(NfaNode.Take t) {
        return waitsAfter[t.id()];
    }

    private void collectTakes(NfaNode n, Set<Integer> seen) {
        if (n == null || !seen.add(n.id())) {
            return;
        }
        if (n instanceof NfaNode.Take t) {
            takes.put(t.id(), t);
            collectTakes(t.next, seen);
        } else if (n instanceof NfaNode.Split s) {
            collectTakes(s.take, seen);
            collectTakes(s.exit, seen);
        } else if (n instanceof NfaNode.Link l) {
            collectTakes(l.next, seen);
        }
    }

    /** Whether a run passing {@code n} waits somewhere (at a take, or at the end for an absence) instead of completing. */
    private static boolean canWait(NfaNode n, boolean guarded, Set<Integer> seen) {
        if (n == null || !seen.add(n.id())) {
            return false;
        }
        if (n instanceof NfaNode.Take) {
            return true;
        }
        if (n instanceof NfaNode.Split sp) {
            return canWait(sp.take, guarded, seen) || canWait(sp.exit, guarded, seen);
        }
        if (n instanceof NfaNode.Link l) {
            return canWait(l.next, guarded || l.absent != null, seen);
        }
        return guarded; // the end: an absence there waits for its time to run out
    }

    private static final class Builder {
        int ids;


        /** The entry of a sequence whose last step continues to {@code next}. */
        NfaNode sequence(PatternNode.Sequence seq, NfaNode next) {
            NfaNode after = next;
            List<PatternNode.Step> steps = seq.steps();
            for (int i = steps.size() - 1; i >= 0; i--) {
                PatternNode.Step step = steps.get(i);
                if (step.absent()) {
                    NfaNode.Link guard = new NfaNode.Link(ids++, null, step.gapMillis(),
                            (PatternNode.Stage) step.node());
                    guard.next = after;
                    // The absence's contiguity says how far the guard reaches: `not next` only the next event.
                    after = new NfaNode.Link(ids++, step.contiguity(), 0, null);
                    ((NfaNode.Link) after).next = guard;
                    continue;
                }
                NfaNode term = term(step.node(), after);
                if (i == 0) {
                    // The first step of a sequence waits as the enclosing context says (a new match
                    // may start at any event; a group body's first step waits as the group's link).
                    after = term;
                } else {
                    NfaNode.Link link = new NfaNode.Link(ids++, step.contiguity(), step.gapMillis(), null);
                    link.next = term;
                    after = link;
                }
            }
            return after;
        }

        /** The entry of one quantified term; its last event continues to {@code next}. */
        NfaNode term(PatternNode node, NfaNode next) {
            Quantifier q = node instanceof PatternNode.Stage s ? s.quantifier() : ((PatternNode.Group) node).quantifier();
            NfaNode after = next;
            if (q.max() == Quantifier.UNBOUNDED) {
                NfaNode.Split loop = new NfaNode.Split(ids++, q.greed());
                loop.exit = next;
                NfaNode.Link back = new NfaNode.Link(ids++, q.inner(), 0, null);
                back.next = once(node, loop, true);
                loop.take = back;
                after = loop;
                if (q.min() == 0) {
                    // `*`: the first event waits as the step's link says, later ones as `inner` says.
                    NfaNode.Split first = new NfaNode.Split(ids++, q.greed());
                    first.take = once(node, loop, true);
                    first.exit = next;
                    return first;
                }
            } else {
                for (int k = q.max(); k > q.min(); k--) {
                    NfaNode.Split optional = new NfaNode.Split(ids++, q.greed());
                    optional.exit = next;
                    NfaNode copy = once(node, after, false);
                    if (k > 1) {
                        NfaNode.Link inner = new NfaNode.Link(ids++, q.inner(), 0, null);
                        inner.next = copy;
                        copy = inner;
                    }
                    optional.take = copy;
                    after = optional;
                }
            }
            for (int k = q.min(); k >= 1; k--) {
                NfaNode copy = once(node, after, false);
                if (k > 1) {
                    NfaNode.Link inner = new NfaNode.Link(ids++, q.inner(), 0, null);
                    inner.next = copy;
                    copy = inner;
                }
                after = copy;
            }
            return after;
        }

        /** One iteration of a term: a take, or a group body. */
        NfaNode once(PatternNode node, NfaNode next, boolean loop) {
            if (node instanceof PatternNode.Stage s) {
                NfaNode.Take take = new NfaNode.Take(ids++, s, loop);
                take.next = next;
                return take;
            }
            return sequence(((PatternNode.Group) node).body(), next);
        }
    }
}
