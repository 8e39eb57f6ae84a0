package dev.vigil.engine.nfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A rule state's runs, held in a field and an array, behave as the list they stand for. */
class KeyStateTest {
    private static final Shape SHAPE = new Shape(null, null, 0, null, false);

    private static Run run(long start) {
        return new Run(SHAPE, Long.MAX_VALUE, null, start, start, new Choice.Member[0]);
    }

    @Test
    void everyOperationLeavesTheRunsAListWouldHold() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 2_000; trial++) {
            KeyState st = new KeyState();
            List<Run> model = new ArrayList<>();
            for (int step = 0; step < 40; step++) {
                switch (random.nextInt(5)) {
                    case 0, 1 -> { // a step leaves a new list of runs, some old, some new, from none to a burst
                        List<Run> next = new ArrayList<>();
                        for (Run r : model) {
                            if (random.nextBoolean()) {
                                next.add(r);
                            }
                        }
                        int fresh = random.nextInt(4) == 0 ? random.nextInt(30) : random.nextInt(3);
                        for (int i = 0; i < fresh; i++) {
                            next.add(run(random.nextLong(1000)));
                        }
                        st.setRuns(next);
                        model = next;
                    }
                    case 2 -> { // expiry compacts in place
                        long before = random.nextLong(1000);
                        int kept = 0;
                        for (int i = 0; i < st.openRuns(); i++) {
                            if (st.run(i).startTime >= before) {
                                st.move(i, kept++);
                            }
                        }
                        st.truncate(kept);
                        model.removeIf(r -> r.startTime < before);
                    }
                    case 3 -> {
                        long odd = random.nextLong(2);
                        st.retain(r -> r.startTime % 2 != odd);
                        model.removeIf(r -> r.startTime % 2 == odd);
                    }
                    default -> { // the partial-match cap keeps the latest started
                        int n = Math.min(model.size(), random.nextInt(5));
                        Comparator<Run> order = Comparator.comparingLong(r -> r.startTime);
                        st.keepLast(n, order);
                        model.sort(order);
                        model = new ArrayList<>(model.subList(model.size() - n, model.size()));
                    }
                }
                assertEquals(model.size(), st.openRuns());
                assertEquals(model.isEmpty(), st.idle());
                for (int i = 0; i < model.size(); i++) {
                    assertSame(model.get(i), st.run(i), "trial " + trial + " step " + step + " run " + i);
                }
            }
        }
    }
}
