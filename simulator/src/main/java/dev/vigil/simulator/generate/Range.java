package dev.vigil.simulator.generate;

import java.util.SplittableRandom;

/** A whole-number parameter range, both ends included: {@code 3..8}, or a single value {@code 5}. */
public record Range(long lo, long hi) {
    public Range {
        if (lo < 0) {
            throw new IllegalArgumentException("the range " + lo + ".." + hi + " goes below 0");
        }
        if (lo > hi) {
            throw new IllegalArgumentException("the range " + lo + ".." + hi + " is empty");
        }
    }

    /** Parses {@code 3..8} or {@code 5}. */
    public static Range parse(String text) {
        String t = text.trim();
        int dots = t.indexOf("..");
        try {
            return dots < 0 ? new Range(Long.parseLong(t), Long.parseLong(t))
                    : new Range(Long.parseLong(t.substring(0, dots).trim()), Long.parseLong(t.substring(dots + 2).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + text + "` is not a range; write it like 3..8 or 5");
        }
    }

    long draw(SplittableRandom r) {
        return lo + r.nextInt(Math.toIntExact(hi - lo + 1));
    }

    /** A money amount in cents: whole units from {@code lo} to {@code hi}, to the cent. */
    long drawCents(SplittableRandom r) {
        return lo * 100 + r.nextInt(Math.toIntExact((hi - lo + 1) * 100));
    }

    @Override
    public String toString() {
        return lo == hi ? Long.toString(lo) : lo + ".." + hi;
    }
}
