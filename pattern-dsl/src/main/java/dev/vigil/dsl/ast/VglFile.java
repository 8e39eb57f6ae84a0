package dev.vigil.dsl.ast;

import java.util.List;

/** One parsed pattern file: its imports and its declarations, in source order. */
public record VglFile(String path, List<Import> imports, List<Decl> decls, List<String> closingComments) {
    public VglFile {
        imports = List.copyOf(imports);
        decls = List.copyOf(decls);
        closingComments = List.copyOf(closingComments);
    }

    /** {@code import "shared/events.vgl"}: a path relative to the importing file. */
    public record Import(String target, Span span, Comments comments) {}
}
