package dev.vigil.dsl.diag;

import dev.vigil.dsl.ast.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every error of a compilation, so one run reports all of them. */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void error(String file, Span span, String message, String hint) {
        add(Diagnostic.at(file, span, message, hint));
    }

    public void add(Diagnostic d) {
        if (!all.contains(d)) {
            all.add(d);
        }
    }

    public boolean hasErrors() {
        return !all.isEmpty();
    }

    public int count() {
        return all.size();
    }

    /** In file, line and column order. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(Comparator.comparing(Diagnostic::file).thenComparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column));
        return List.copyOf(copy);
    }
}
