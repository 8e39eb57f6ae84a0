package dev.vigil.dsl.ast;

import java.util.List;
import java.util.Optional;

/** {@code event Txn { ... }}: an event type, how it is recognised in the input, and its fields. */
public record EventDecl(Name name, List<Clause> clauses, Comments comments, List<String> closingComments, Span span)
        implements Decl {
    public EventDecl {
        clauses = List.copyOf(clauses);
        closingComments = List.copyOf(closingComments);
    }

    public sealed interface Clause permits Source, IdField, TimeField, OutOfOrder, Lateness, Field {
        Span span();

        Comments comments();
    }

    /** The AST keeps the header clauses first, in this order, and the fields after them in source order. */
    public static int canonicalOrder(Clause c) {
        if (c instanceof Source) {
            return 0;
        }
        if (c instanceof IdField) {
            return 1;
        }
        if (c instanceof TimeField) {
            return 2;
        }
        if (c instanceof OutOfOrder) {
            return 3;
        }
        return c instanceof Lateness ? 4 : 5;
    }

    /** {@code from "transactions" where type = "txn"}. */
    public record Source(String topic, Optional<Name> discriminatorField, Optional<String> discriminatorValue,
                         Span span, Comments comments) implements Clause {}

    /** {@code id txn_id}: the field that identifies an event. */
    public record IdField(Name field, Span span, Comments comments) implements Clause {}

    /** {@code time ts}: the field that carries event time. */
    public record TimeField(Name field, Span span, Comments comments) implements Clause {}

    /** {@code out_of_order 30s}: how far behind the newest event an event may arrive. */
    public record OutOfOrder(Expr.DurationLit bound, Span span, Comments comments) implements Clause {}

    /** {@code lateness 5m}: how far behind the watermark an event is still accepted. */
    public record Lateness(Expr.DurationLit bound, Span span, Comments comments) implements Clause {}

    /** {@code amount: decimal} or {@code channel: string = "pos"} (optional, with a default). */
    public record Field(Name name, Name type, Optional<Expr.Literal> defaultValue, Span span, Comments comments)
            implements Clause {}
}
