package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.PatternNode;
import dev.vigil.dsl.program.Quantifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands once it has passed every epsilon node ({@link NfaNode.Link},
 * {@link NfaNode.Split}) after a point of the NFA: the runs to open, in the order the graph is
 * walked, and whether a match completes. Worked out once per take when the rule is compiled, so
 * that taking an event makes only the runs it opens (Flink's NFA computes the same closure per
 * event). Splits that are greedy or reluctant tie the two runs they fork through a {@link Choice}
 * made per expansion; the closure numbers them ({@link #choiceGreeds}).
 */
final class Closure {
    /**
     * One outcome: the run's {@link Shape}. Its take is null at the end of the pattern: there the
     * run waits for its guard (an absence) to run out, or, without a guard, the match completes. A
     * guard's deadline is the event's time plus {@code guardGapMillis} (0: none).
     * {@code choiceSlots[i]} and {@code loopSides[i]} say which of the expansion's choices the run
     * belongs to, and on which side.
     */
    record Target(Shape shape, long guardGapMillis, int[] choiceSlots, boolean[] loopSides) {
        boolean completes() {
            return shape.at == null && shape.guard == null;
        }
    }

    final Target[] targets;
    final Quantifier.Greed[] choiceGreeds;

    private Closure(Target[] targets, Quantifier.Greed[] choiceGreeds) {
        this.targets = targets;
        this.choiceGreeds = choiceGreeds;
    }

    /** The closure of {@code node}, entered waiting as {@code waiting} says, with no guard. */
    static Closure of(NfaNode node, Contiguity waiting) {
        List<Target> targets = new ArrayList<>();
        List<Quantifier.Greed> greeds = new ArrayList<>();
        walk(node, new Walk(waiting, 0, null, false, 0, new int[0], new boolean[0]), targets, greeds);
        return new Closure(targets.toArray(Target[]::new), greeds.toArray(Quantifier.Greed[]::new));
    }

    /** What the walk carries from node to node (the static part of a run). */
    private record Walk(Contiguity waiting, long gap, PatternNode.Stage guard, boolean guardNextOnly, long guardGap,
                        int[] choiceSlots, boolean[] loopSides) {
        Walk withChoice(int slot, boolean loopSide) {
            int[] slots = java.util.Arrays.copyOf(choiceSlots, choiceSlots.length + 1);
            boolean[] sides = java.util.Arrays.copyOf(loopSides, loopSides.length + 1);
            slots[choiceSlots.length] = slot;
            sides[choiceSlots.length] = loopSide;
            return new Walk(waiting, gap, guard, guardNextOnly, guardGap, slots, sides);
        }
    }

    private static void walk(NfaNode node, Walk w, List<Target> targets, List<Quantifier.Greed> greeds) {
        if (node instanceof NfaNode.Link l) {
            if (l.absent != null) {
                walk(l.next, new Walk(w.waiting, w.gap, l.absent, w.waiting == Contiguity.STRICT, l.gapMillis,
                        w.choiceSlots, w.loopSides), targets, greeds);
            } else {
                walk(l.next, new Walk(l.contiguity, l.gapMillis, w.guard, w.guardNextOnly, w.guardGap, w.choiceSlots,
                        w.loopSides), targets, greeds);
            }
        } else if (node instanceof NfaNode.Split s) {
            if (s.greed == Quantifier.Greed.DEFAULT) {
                walk(s.take, w, targets, greeds);
                walk(s.exit, w, targets, greeds);
            } else {
                int slot = greeds.size();
                greeds.add(s.greed);
                walk(s.take, w.withChoice(slot, true), targets, greeds);
                walk(s.exit, w.withChoice(slot, false), targets, greeds);
            }
        } else {
            // A take: the run waits there. The end (no take): an absence there waits to run out (or,
            // for `not next`, for one more event); without one, a match completes.
            NfaNode.Take at = node instanceof NfaNode.Take t ? t : null;
            targets.add(new Target(new Shape(at, w.waiting, at == null ? 0 : w.gap, w.guard, w.guardNextOnly),
                    w.guardGap, w.choiceSlots, w.loopSides));
        }
    }
}
