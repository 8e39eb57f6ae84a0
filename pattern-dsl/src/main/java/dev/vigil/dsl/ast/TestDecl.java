package dev.vigil.dsl.ast;

import java.util.List;
import java.util.Optional;

/** {@code test rule_name "what it shows" { events...; expectations... }}. */
public record TestDecl(Name name, String title, List<Statement> statements, Comments comments,
                       List<String> closingComments, Span span) implements Decl {
    public TestDecl {
        statements = List.copyOf(statements);
        closingComments = List.copyOf(closingComments);
    }

    public sealed interface Statement permits EventLine, ExpectAlert, ExpectNoAlert {
        Span span();

        Comments comments();
    }

    /** {@code Txn { card_id: "c1", amount: 1.00 }}: one input event, in input order. */
    public record EventLine(Name type, List<FieldValue> values, Span span, Comments comments) implements Statement {
        public EventLine {
            values = List.copyOf(values);
        }
    }

    /** {@code expect alert card_testing { key: "c1", probes: 3 }}: one expected alert, in order. */
    public record ExpectAlert(Optional<Name> rule, List<FieldValue> values, Span span, Comments comments)
            implements Statement {
        public ExpectAlert {
            values = List.copyOf(values);
        }
    }

    /** {@code expect no alerts}. */
    public record ExpectNoAlert(Span span, Comments comments) implements Statement {}

    public record FieldValue(Name name, Expr.Literal value) {}
}
