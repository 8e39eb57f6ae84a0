package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.PatternNode;

/**
 * Where a run waits and how, the part of a {@link Run} that its closure fixes when the rule
 * compiles: the take it waits at (null: the end of the pattern), its contiguity, the longest gap
 * since its last event (0: none) and the absence that kills it. Made once per closure target and
 * shared by every run opened there, so a run carries one reference instead of five fields.
 */
final class Shape {
    final NfaNode.Take at;
    final Contiguity waiting;
    final long gapMillis;
    final PatternNode.Stage guard;
    final boolean guardNextOnly;
    /** The same without its absence: what a `not next` run becomes once the next event has passed. */
    final Shape withoutGuard;
    /** How stored state names this shape. */
    final Key key;

    Shape(NfaNode.Take at, Contiguity waiting, long gapMillis, PatternNode.Stage guard, boolean guardNextOnly) {
        this.at = at;
        this.waiting = waiting;
        this.gapMillis = gapMillis;
        this.guard = guard;
        this.guardNextOnly = guardNextOnly;
        this.withoutGuard = guard == null && !guardNextOnly ? this : new Shape(at, waiting, gapMillis, null, false);
        this.key = new Key(at == null ? -1 : at.id(), waiting, gapMillis, guard == null ? -1 : guard.variable().index(),
                guardNextOnly);
    }

    /** What identifies a shape in stored state: take id (-1: none), contiguity, gap, guard variable (-1: none). */
    record Key(int at, Contiguity waiting, long gapMillis, int guard, boolean guardNextOnly) {}
}
