package dev.vigil.simulator.generate;

/** A setting of a fraud scenario: its name, what it means (with its unit) and its default range. */
public record Parameter(String name, String meaning, Range range) {
    static Parameter of(String name, long lo, long hi, String meaning) {
        return new Parameter(name, meaning, new Range(lo, hi));
    }
}
