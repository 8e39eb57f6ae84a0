package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.PatternNode;
import dev.vigil.dsl.program.Quantifier;

/**
 * A node of a rule's NFA. Runs wait only at {@link Take} nodes; the others are passed through
 * (epsilon) when a run moves on: {@link Link} sets how the next take waits and may add an absence
 * guard, {@link Split} forks a run in two (optional steps and loops), {@link Final} completes a match.
 * Nodes are built once per rule and shared by every key; their fields are set while compiling.
 */
public abstract sealed class NfaNode permits NfaNode.Take, NfaNode.Split, NfaNode.Link, NfaNode.Final {
    final int id;

    NfaNode(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** Takes one event of a stage and binds it to the stage's variable. */
    public static final class Take extends NfaNode {
        final PatternNode.Stage stage;
        /** True for the repeating copy of an unbounded loop: {@code until} closes it. */
        final boolean loop;
        NfaNode next;

        Take(int id, PatternNode.Stage stage, boolean loop) {
            super(id);
            this.stage = stage;
            this.loop = loop;
        }

        public PatternNode.Stage stage() {
            return stage;
        }
    }

    /**
     * Forks into {@code take} (one more iteration) and {@code exit} (move on). {@code greed} decides
     * which branch may take an event both could take; {@code DEFAULT} lets both.
     */
    public static final class Split extends NfaNode {
        final Quantifier.Greed greed;
        NfaNode take;
        NfaNode exit;

        Split(int id, Quantifier.Greed greed) {
            super(id);
            this.greed = greed;
        }
    }

    /**
     * Entering the next step: how its take waits, the longest gap since the previous matched event
     * (0 = none), and, for {@code not next} / {@code not then}, the stage that must not match.
     */
    public static final class Link extends NfaNode {
        final Contiguity contiguity;
        final long gapMillis;
        final PatternNode.Stage absent;
        NfaNode next;

        Link(int id, Contiguity contiguity, long gapMillis, PatternNode.Stage absent) {
            super(id);
            this.contiguity = contiguity;
            this.gapMillis = gapMillis;
            this.absent = absent;
        }
    }

    public static final class Final extends NfaNode {
        Final(int id) {
            super(id);
        }
    }
}
