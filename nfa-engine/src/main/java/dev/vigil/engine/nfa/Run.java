package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.PatternNode;

/**
 * A partial match waiting for its next event. It waits at one take ({@code at}) with a
 * contiguity, or, when {@code at} is null, at the end of the pattern for an absence to run out
 * ({@code not then x} at the end) or for one more event ({@code not next x} at the end).
 * {@code guard} is an absence that kills the run when an event matches it, up to {@code guardUntil};
 * {@code choices} tie it to its sibling from a greedy or reluctant split.
 */
final class Run {
    final NfaNode.Take at;
    final Contiguity wait;
    final long gapMillis;
    final PatternNode.Stage guard;
    final boolean guardNextOnly;
    final long guardUntil;
    final PathNode path;
    final long startTime;
    final long lastTime;
    final Choice.Member[] choices;

    Run(NfaNode.Take at, Contiguity wait, long gapMillis, PatternNode.Stage guard, boolean guardNextOnly,
        long guardUntil, PathNode path, long startTime, long lastTime, Choice.Member[] choices) {
        this.at = at;
        this.wait = wait;
        this.gapMillis = gapMillis;
        this.guard = guard;
        this.guardNextOnly = guardNextOnly;
        this.guardUntil = guardUntil;
        this.path = path;
        this.startTime = startTime;
        this.lastTime = lastTime;
        this.choices = choices;
    }

    /** The first event of the partial match. */
    dev.vigil.dsl.schema.Event first() {
        return path.first();
    }

    boolean pendingAtEnd() {
        return at == null;
    }

    Run withoutGuard() {
        return new Run(at, wait, gapMillis, null, false, Long.MAX_VALUE, path, startTime, lastTime, choices);
    }

    /**
     * When a run waiting at a take can no longer finish (its {@code within} or gap has run out; a
     * later event cannot extend it), or Long.MAX_VALUE when nothing bounds it.
     */
    long expiry(long withinMillis) {
        long end = Long.MAX_VALUE;
        if (withinMillis > 0) {
            end = startTime + withinMillis;
        }
        if (gapMillis > 0) {
            end = Math.min(end, lastTime + gapMillis);
        }
        return end;
    }

    /** When an end-of-pattern absence has run out, or Long.MAX_VALUE when it waits for an event. */
    long absenceDeadline(long withinMillis) {
        long deadline = guardUntil;
        if (withinMillis > 0) {
            deadline = Math.min(deadline, startTime + withinMillis);
        }
        return deadline;
    }
}
