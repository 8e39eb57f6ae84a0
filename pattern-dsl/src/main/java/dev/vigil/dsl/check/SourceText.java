package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.Span;

/** The text an AST node was written as, whitespace collapsed, for messages ("`amout` on `Txn`"). */
final class SourceText {
    private static final int LONGEST = 40;

    private SourceText() {}

    static String of(String source, Span span) {
        if (span.end() > source.length() || span.start() >= span.end()) {
            return "";
        }
        String t = source.substring(span.start(), span.end()).replaceAll("\\s+", " ");
        return t.length() > LONGEST ? t.substring(0, LONGEST - 3) + "..." : t;
    }
}
