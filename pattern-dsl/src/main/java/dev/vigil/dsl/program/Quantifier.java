package dev.vigil.dsl.program;

/** How many times a step matches. {@code max} is {@link #UNBOUNDED} for {@code {n,}}, {@code +}, {@code *}. */
public record Quantifier(int min, int max, Greed greed, Contiguity inner) {
    public static final int UNBOUNDED = -1;
    public static final Quantifier ONCE = new Quantifier(1, 1, Greed.DEFAULT, Contiguity.RELAXED);

    public boolean loops() {
        return max == UNBOUNDED || max > 1;
    }

    public boolean optional() {
        return min == 0;
    }

    /** How a loop chooses between taking one more event and moving on. */
    public enum Greed {
        /** Both: every choice is a separate partial match (Flink CEP's default). */
        DEFAULT,
        /** Takes as many events as it can before the next step may start (Flink's {@code greedy()}). */
        GREEDY,
        /** Moves on as soon as the next step can match; takes an event only otherwise. */
        RELUCTANT
    }
}
