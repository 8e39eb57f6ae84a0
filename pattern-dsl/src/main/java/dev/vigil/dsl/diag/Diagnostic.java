package dev.vigil.dsl.diag;

import dev.vigil.dsl.ast.Span;

/**
 * One problem found in a pattern file. {@code line} and {@code column} are 1-based; {@code length}
 * is how many characters the caret underlines. {@code hint} says how to fix it, or is null.
 */
public record Diagnostic(String file, int line, int column, int length, String message, String hint) {
    public static Diagnostic at(String file, Span span, String message, String hint) {
        return new Diagnostic(file, span.line(), span.column(), span.length(), message, hint);
    }

    /** {@code file:line:column: message}, the one-line form editors and grep understand. */
    public String headline() {
        return file + ":" + line + ":" + column + ": error: " + message;
    }
}
