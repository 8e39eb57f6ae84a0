package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Span;
import dev.vigil.dsl.ast.TestDecl;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.program.OutputValue;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.RuleTest;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventBuilder;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a rule test and compiles it: its events become real {@link Event}s (typed against the
 * declared schemas), its expectations are typed against the rule's alert values. An event
 * without its id field gets a generated id ("e1", "e2", ... or 1, 2, ... for numeric ids).
 */
final class TestCompiler {
    private final String file;
    private final String sourceText;
    private final Diagnostics diagnostics;
    private final Map<String, EventSchema> events;

    TestCompiler(String file, String sourceText, Diagnostics diagnostics, Map<String, EventSchema> events) {
        this.file = file;
        this.sourceText = sourceText;
        this.diagnostics = diagnostics;
        this.events = events;
    }

    /**
     * @param rule the compiled rule, when it compiled; expectations are only typed then
     * @param ruleDeclared whether a rule of that name is declared at all
     */
    Optional<RuleTest> compile(TestDecl test, Optional<RuleProgram> rule, boolean ruleDeclared, Set<String> ruleNames) {
        int before = diagnostics.count();
        String ruleName = test.name().text();
        if (!ruleDeclared) {
            error(test.name().span(), "test of unknown rule `" + ruleName + "`",
                    NearestName.hint(ruleName, ruleNames, "rules are"));
        }
        List<Event> inputs = new ArrayList<>();
        List<RuleTest.ExpectedAlert> expected = new ArrayList<>();
        boolean expectsNone = false;
        boolean expectsSome = false;
        for (TestDecl.Statement st : test.statements()) {
            if (st instanceof TestDecl.EventLine line) {
                event(line, inputs.size()).ifPresent(inputs::add);
            } else if (st instanceof TestDecl.ExpectAlert ea) {
                expectsSome = true;
                if (ea.rule().isPresent() && !ea.rule().get().text().equals(ruleName)) {
                    error(ea.rule().get().span(), "this test is about `" + ruleName + "`, not `" + ea.rule().get() + "`",
                            "write `expect alert " + ruleName + " { ... }`, or leave the rule name out");
                }
                expectation(ea, rule).ifPresent(expected::add);
            } else {
                if (expectsNone) {
                    error(st.span(), "`expect no alerts` is given twice", null);
                }
                expectsNone = true;
            }
        }
        if (expectsNone && expectsSome) {
            error(test.span(), "test \"" + test.title() + "\" expects alerts and no alerts at once", "keep one kind of `expect`");
        }
        if (!expectsNone && !expectsSome) {
            error(test.name().span(), "test \"" + test.title() + "\" expects nothing",
                    "end it with `expect alert { ... }` or `expect no alerts`");
        }
        if (inputs.isEmpty() && diagnostics.count() == before) {
            error(test.name().span(), "test \"" + test.title() + "\" has no events", "add events such as `Txn { ... }`");
        }
        if (diagnostics.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new RuleTest(ruleName, test.title(), file, test.span().line(), inputs, expected));
    }

    private Optional<Event> event(TestDecl.EventLine line, int position) {
        EventSchema schema = events.get(line.type().text());
        if (schema == null) {
            error(line.type().span(), "unknown event type `" + line.type() + "`",
                    NearestName.hint(line.type().text(), events.keySet(), "declared event types are"));
            return Optional.empty();
        }
        EventBuilder b = new EventBuilder(schema);
        boolean ok = true;
        Set<String> given = new HashSet<>();
        for (TestDecl.FieldValue fv : line.values()) {
            String name = fv.name().text();
            Optional<FieldSlot> slot = schema.field(name);
            if (slot.isEmpty()) {
                List<String> known = schema.fields().stream().map(FieldSlot::name).toList();
                error(fv.name().span(), "unknown field `" + name + "` on `" + schema.name() + "`",
                        NearestName.hint(name, known, "`" + schema.name() + "` has"));
                ok = false;
                continue;
            }
            if (!given.add(name)) {
                error(fv.name().span(), "field `" + name + "` is given twice", null);
                ok = false;
                continue;
            }
            Object value = LiteralValues.convert(fv.value(), slot.get().type());
            if (value == null) {
                boolean time = slot.get().type() == ValueType.TIMESTAMP;
                error(fv.value().span(), LiteralValues.mismatch(name, slot.get().type(), fv.value(), text(fv.value())),
                        time ? "write an ISO-8601 time such as \"2026-01-01T10:00:00Z\"" : null);
                ok = false;
                continue;
            }
            b.setValue(slot.get(), value);
        }
        Optional<FieldSlot> idField = schema.idField();
        String id;
        if (idField.isPresent() && given.contains(idField.get().name())) {
            id = String.valueOf(line.values().stream().filter(v -> v.name().text().equals(idField.get().name()))
                    .map(v -> LiteralValues.convert(v.value(), idField.get().type())).findFirst().orElse(null));
        } else if (idField.isPresent()) {
            boolean numeric = idField.get().type() != ValueType.STRING;
            id = numeric ? String.valueOf(position + 1) : "e" + (position + 1);
            b.setValue(idField.get(), numeric ? (Object) (long) (position + 1) : id);
        } else {
            id = "e" + (position + 1);
        }
        if (ok) {
            FieldSlot missing = b.firstMissing();
            if (missing != null) {
                error(line.span(), "missing field `" + missing.name() + "` of `" + schema.name() + "`",
                        "add `" + missing.name() + ": ...`, or declare a default in the event: `" + missing.name()
                                + ": " + missing.type().keyword + " = ...`");
                ok = false;
            }
        }
        return ok ? Optional.of(b.build(id, position)) : Optional.empty();
    }

    private Optional<RuleTest.ExpectedAlert> expectation(TestDecl.ExpectAlert ea, Optional<RuleProgram> rule) {
        Optional<String> key = Optional.empty();
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        for (TestDecl.FieldValue fv : ea.values()) {
            String name = fv.name().text();
            if (name.equals("key")) {
                Object k = fv.value() instanceof Expr.StringLit s ? s.value()
                        : fv.value() instanceof Expr.IntLit i ? String.valueOf(i.value()) : null;
                if (k == null) {
                    error(fv.value().span(), "a key is written as a string, as in `key: \"c1\"`", null);
                    ok = false;
                } else {
                    key = Optional.of((String) k);
                }
                continue;
            }
            if (rule.isEmpty()) {
                continue;
            }
            Optional<OutputValue> out = rule.get().output(name);
            if (out.isEmpty()) {
                List<String> known = rule.get().outputs().stream().map(OutputValue::name).toList();
                error(fv.name().span(), "rule `" + rule.get().name() + "` has no alert value `" + name + "`",
                        known.isEmpty() ? "its `alert` clause names no values" : NearestName.hint(name, known, "its alert values are"));
                ok = false;
                continue;
            }
            Object value = LiteralValues.convert(fv.value(), out.get().type());
            if (value == null) {
                error(fv.value().span(), LiteralValues.mismatch(name, out.get().type(), fv.value(), text(fv.value())), null);
                ok = false;
                continue;
            }
            values.put(name, value);
        }
        return ok ? Optional.of(new RuleTest.ExpectedAlert(key, values, ea.span().line())) : Optional.empty();
    }

    String text(Expr e) {
        return SourceText.of(sourceText, e.span());
    }

    private void error(Span span, String message, String hint) {
        diagnostics.error(file, span, message, hint);
    }
}
