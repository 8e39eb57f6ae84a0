package dev.vigil.dsl.ast;

import java.util.List;

/** A top-level declaration of a pattern file. */
public sealed interface Decl permits EventDecl, RuleDecl, TestDecl {
    Name name();

    Span span();

    Comments comments();

    /** Comments written just before the closing brace. */
    List<String> closingComments();
}
