package dev.vigil.dsl.ast;

/**
 * Where a piece of source text is: 1-based line and column of its first character, and the
 * character offsets [start, end) in the file. Spans are diagnostics data, not meaning: two ASTs
 * that differ only in spans describe the same program.
 */
public record Span(int line, int column, int start, int end) {
    public static final Span NONE = new Span(0, 0, 0, 0);

    public int length() {
        return Math.max(1, end - start);
    }

    /** The span from the start of this one to the end of {@code other}. */
    public Span to(Span other) {
        return new Span(line, column, start, Math.max(end, other.end));
    }
}
