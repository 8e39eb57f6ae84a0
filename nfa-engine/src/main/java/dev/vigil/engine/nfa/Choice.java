package dev.vigil.engine.nfa;

import dev.vigil.dsl.program.Quantifier;

/**
 * The two branches of a greedy or reluctant split. While one event is processed the siblings
 * report whether they could take it; greedy lets the loop branch win, reluctant the exit branch.
 */
final class Choice {
    final Quantifier.Greed greed;
    boolean loopCanTake;
    boolean exitCanTake;

    Choice(Quantifier.Greed greed) {
        this.greed = greed;
    }

    record Member(Choice choice, boolean loopSide) {
        /** Whether the sibling branch wins this event. */
        boolean suppressed() {
            if (choice.greed == Quantifier.Greed.GREEDY) {
                return !loopSide && choice.loopCanTake;
            }
            return loopSide && choice.exitCanTake;
        }
    }
}
