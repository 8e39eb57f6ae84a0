package dev.vigil.dsl.ast;

/**
 * Where a piece of source text is: 1-based line and column of its first character, and the
 * character offsets [start, end) in the file. Spans are diagnostics data, not meaning: two ASTs
 * that differ only in spans describe the same program.
 */
public record Span(int line, int column, int start, int end) {
    public int length() {
        return Math.max(1, end - start);
    }
}
