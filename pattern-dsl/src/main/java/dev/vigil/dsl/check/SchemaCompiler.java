package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.EventDecl;
import dev.vigil.dsl.ast.Span;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.ValueType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks an event declaration and builds its {@link EventSchema}. */
final class SchemaCompiler {
    private static final List<String> TYPE_NAMES = Arrays.stream(ValueType.values())
            .filter(t -> t != ValueType.DURATION).map(t -> t.keyword).toList();

    private final String file;
    private final String sourceText;
    private final Diagnostics diagnostics;

    SchemaCompiler(String file, String sourceText, Diagnostics diagnostics) {
        this.file = file;
        this.sourceText = sourceText;
        this.diagnostics = diagnostics;
    }

    Optional<EventSchema> compile(EventDecl decl) {
        int before = diagnostics.count();
        EventSchema.Builder b = EventSchema.builder(decl.name().text());
        Map<Class<?>, EventDecl.Clause> once = new HashMap<>();
        Map<String, ValueType> fieldTypes = new HashMap<>();
        for (EventDecl.Clause c : decl.clauses()) {
            if (c instanceof EventDecl.Field f) {
                field(b, f, fieldTypes);
                continue;
            }
            EventDecl.Clause first = once.putIfAbsent(c.getClass(), c);
            if (first != null) {
                error(c.span(), "this clause is given twice in event `" + decl.name() + "`",
                        "the first one is on line " + first.span().line());
            }
        }
        if (fieldTypes.isEmpty()) {
            error(decl.name().span(), "event `" + decl.name() + "` declares no fields", "add fields such as `amount: decimal`");
        }
        EventDecl.Source source = (EventDecl.Source) once.get(EventDecl.Source.class);
        if (source != null) {
            b.source(source.topic(), source.discriminatorField().map(n -> n.text()).orElse(null),
                    source.discriminatorValue().orElse(null));
        }
        EventDecl.TimeField time = (EventDecl.TimeField) once.get(EventDecl.TimeField.class);
        if (time == null) {
            error(decl.name().span(), "event `" + decl.name() + "` has no `time` clause",
                    "name its event-time field, for example `time ts` with `ts: timestamp`");
        } else {
            ValueType t = fieldTypes.get(time.field().text());
            if (t == null) {
                error(time.field().span(), "unknown field `" + time.field() + "` on `" + decl.name() + "`",
                        NearestName.hint(time.field().text(), fieldTypes.keySet(), "fields are"));
            } else if (t != ValueType.TIMESTAMP) {
                error(time.field().span(), "the time field `" + time.field() + "` must be a timestamp, not " + t.withArticle(),
                        "declare it as `" + time.field() + ": timestamp`");
            }
            b.timeField(time.field().text());
        }
        EventDecl.IdField id = (EventDecl.IdField) once.get(EventDecl.IdField.class);
        if (id != null) {
            ValueType t = fieldTypes.get(id.field().text());
            if (t == null) {
                error(id.field().span(), "unknown field `" + id.field() + "` on `" + decl.name() + "`",
                        NearestName.hint(id.field().text(), fieldTypes.keySet(), "fields are"));
            } else if (t != ValueType.STRING && t != ValueType.INT && t != ValueType.LONG) {
                error(id.field().span(), "the id field `" + id.field() + "` must be a string or a whole number, not "
                        + t.withArticle(), null);
            }
            b.idField(id.field().text());
        }
        EventDecl.OutOfOrder ooo = (EventDecl.OutOfOrder) once.get(EventDecl.OutOfOrder.class);
        if (ooo != null) {
            b.outOfOrderMillis(ooo.bound().millis());
        }
        EventDecl.Lateness late = (EventDecl.Lateness) once.get(EventDecl.Lateness.class);
        if (late != null) {
            b.latenessMillis(late.bound().millis());
        }
        return diagnostics.count() > before ? Optional.empty() : Optional.of(b.build());
    }

    private void field(EventSchema.Builder b, EventDecl.Field f, Map<String, ValueType> fieldTypes) {
        String name = f.name().text();
        ValueType type = ValueType.ofFieldKeyword(f.type().text());
        if (type == null) {
            error(f.type().span(), "unknown type `" + f.type().text() + "`", NearestName.hint(f.type().text(), TYPE_NAMES, "types are"));
            return;
        }
        if (fieldTypes.containsKey(name)) {
            error(f.name().span(), "field `" + name + "` is declared twice", null);
            return;
        }
        Object defaultValue = null;
        if (f.defaultValue().isPresent()) {
            defaultValue = LiteralValues.convert(f.defaultValue().get(), type);
            if (defaultValue == null) {
                Span s = f.defaultValue().get().span();
                error(s, LiteralValues.mismatch(name, type, f.defaultValue().get(), SourceText.of(sourceText, s)), null);
                return;
            }
        }
        fieldTypes.put(name, type);
        b.field(name, type, defaultValue);
    }

    private void error(Span span, String message, String hint) {
        diagnostics.error(file, span, message, hint);
    }
}
