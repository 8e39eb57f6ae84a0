package dev.vigil.dsl.ast;

import java.util.List;

/**
 * Comments kept with an AST node so that {@code vigil fmt} can put them back: the full-line
 * comments above the node, and the comment at the end of its (first) line.
 */
public record Comments(List<String> leading, String trailing) {
    public static final Comments NONE = new Comments(List.of(), null);

    public Comments {
        leading = List.copyOf(leading);
    }

    public boolean isEmpty() {
        return leading.isEmpty() && trailing == null;
    }

    public int count() {
        return (int) leading.stream().filter(c -> !c.isEmpty()).count() + (trailing == null ? 0 : 1);
    }
}
