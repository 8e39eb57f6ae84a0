package dev.vigil.dsl.diag;

import java.util.Map;

/**
 * Renders a diagnostic for a terminal:
 * <pre>
 * rules/card.vgl:12:26: error: unknown field `amout` on `Txn`
 *    12 |     probe: Txn{3,} where amout &lt; 5.00
 *       |                          ^^^^^
 *   hint: did you mean `amount`?
 * </pre>
 */
public final class DiagnosticPrinter {
    private final Map<String, SourceFile> sources;

    public DiagnosticPrinter(Map<String, SourceFile> sources) {
        this.sources = sources;
    }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder(d.headline()).append('\n');
        SourceFile source = sources.get(d.file());
        String line = source == null ? "" : source.line(d.line());
        if (!line.isEmpty()) {
            String gutter = String.format("%5d | ", d.line());
            out.append(gutter).append(line.replace('\t', ' ')).append('\n');
            int col = Math.max(1, Math.min(d.column(), line.length() + 1));
            int len = Math.max(1, Math.min(d.length(), line.length() - col + 1));
            out.append(" ".repeat(gutter.length() - 2)).append("| ")
                    .append(" ".repeat(col - 1)).append("^".repeat(len)).append('\n');
        }
        if (d.hint() != null) {
            out.append("  hint: ").append(d.hint()).append('\n');
        }
        return out.toString();
    }
}
