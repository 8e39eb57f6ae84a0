package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.PatternNode;

/**
 * A partial match waiting for its next event. Where and how it waits is its {@link Shape}, shared
 * with every run opened at the same closure target: at one take with a contiguity, or, when the
 * take is null, at the end of the pattern for an absence to run out ({@code not then x} at the
 * end) or for one more event ({@code not next x} at the end). The shape's guard is an absence that
 * kills the run when an event matches it, up to {@code guardUntil}; {@code choices} tie it to its
 * sibling from a greedy or reluctant split.
 */
final class Run {
    final Shape shape;
    final long guardUntil;
    final PathNode path;
    final long startTime;
    final long lastTime;
    final Choice.Member[] choices;

    Run(Shape shape, long guardUntil, PathNode path, long startTime, long lastTime, Choice.Member[] choices) {
        this.shape = shape;
        this.guardUntil = guardUntil;
        this.path = path;
        this.startTime = startTime;
        this.lastTime = lastTime;
        this.choices = choices;
    }

    NfaNode.Take at() {
        return shape.at;
    }

    Contiguity waiting() {
        return shape.waiting;
    }

    PatternNode.Stage guard() {
        return shape.guard;
    }

    boolean guardNextOnly() {
        return shape.guardNextOnly;
    }

    /** The first event of the partial match. */
    dev.vigil.dsl.schema.Event first() {
        return path.first();
    }

    boolean pendingAtEnd() {
        return shape.at == null;
    }

    Run withoutGuard() {
        return new Run(shape.withoutGuard, Long.MAX_VALUE, path, startTime, lastTime, choices);
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
        if (shape.gapMillis > 0) {
            end = Math.min(end, lastTime + shape.gapMillis);
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
