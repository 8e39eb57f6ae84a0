package dev.vigil.dsl.check;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Span;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.program.EvalContext;
import dev.vigil.dsl.program.Evaluators.BoolEval;
import dev.vigil.dsl.program.Evaluators.DecimalEval;
import dev.vigil.dsl.program.Evaluators.DoubleEval;
import dev.vigil.dsl.program.Evaluators.Eval;
import dev.vigil.dsl.program.Evaluators.LongEval;
import dev.vigil.dsl.program.Evaluators.StringEval;
import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.NoValue;
import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Type-checks an expression against the declared events and the rule's variables, and compiles it
 * into typed evaluators ({@link dev.vigil.dsl.program.Evaluators}). Every name is resolved here,
 * to a variable index and a field slot; nothing is looked up by name when the rule runs.
 * Errors are reported with the text of the offending sub-expression; checking goes on so that
 * one run reports every error. Function calls are compiled by {@link FunctionCompiler}.
 */
final class ExprCompiler {
    /** Decimal division: 16 significant digits, as a double has. */
    static final MathContext DIVISION = MathContext.DECIMAL64;

    private final String file;
    private final String sourceText;
    private final Diagnostics diagnostics;
    private final Map<String, EventSchema> events;
    private final RuleResources resources;
    private final FunctionCompiler functions;

    ExprCompiler(String file, String sourceText, Diagnostics diagnostics, Map<String, EventSchema> events,
                 RuleResources resources) {
        this.file = file;
        this.sourceText = sourceText;
        this.diagnostics = diagnostics;
        this.events = events;
        this.resources = resources;
        this.functions = new FunctionCompiler(this);
    }

    /** A condition: must be boolean. Returns null when it failed to check. */
    BoolEval condition(Expr expr, Scope scope) {
        Typed t = compile(expr, scope);
        if (t.failed()) {
            return null;
        }
        if (t.type() != ValueType.BOOLEAN) {
            error(expr.span(), "a condition must be true or false, but `" + text(expr) + "` is " + t.type().withArticle(),
                    "compare it with something, for example `" + text(expr) + " > 0`");
            return null;
        }
        if (t.constant() && !constantTrue(t.bool())) {
            error(expr.span(), "this condition is always false, so the rule can never match", null);
            return null;
        }
        return t.bool();
    }

    Typed compile(Expr e, Scope s) {
        if (e instanceof Expr.Literal l) {
            return literal(l);
        }
        if (e instanceof Expr.Path p) {
            return path(p, s);
        }
        if (e instanceof Expr.Call c) {
            return functions.call(c, s);
        }
        if (e instanceof Expr.Window w) {
            return window(w);
        }
        if (e instanceof Expr.Negate n) {
            return negate(n, s);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, s);
        }
        if (e instanceof Expr.Not n) {
            Typed operand = expectBoolean(n.operand(), s);
            if (operand.failed()) {
                return Typed.ERROR;
            }
            BoolEval b = operand.bool();
            return new Typed(ValueType.BOOLEAN, (BoolEval) ctx -> !b.test(ctx), operand.constant());
        }
        if (e instanceof Expr.In in) {
            return in(in, s);
        }
        if (e instanceof Expr.InHistory h) {
            return inHistory(h, s);
        }
        if (e instanceof Expr.Seen seen) {
            return seen(seen, s);
        }
        return matches((Expr.Matches) e, s);
    }

    // ------------------------------------------------------------------ literals

    static Typed literal(Expr.Literal l) {
        if (l instanceof Expr.IntLit i) {
            long v = i.value();
            return new Typed(ValueType.INT, (LongEval) ctx -> v, true);
        }
        if (l instanceof Expr.DecimalLit d) {
            BigDecimal v = d.value();
            return new Typed(ValueType.DECIMAL, (DecimalEval) ctx -> v, true);
        }
        if (l instanceof Expr.StringLit str) {
            String v = str.value();
            return new Typed(ValueType.STRING, (StringEval) ctx -> v, true);
        }
        if (l instanceof Expr.BoolLit b) {
            boolean v = b.value();
            return new Typed(ValueType.BOOLEAN, (BoolEval) ctx -> v, true);
        }
        long millis = ((Expr.DurationLit) l).millis();
        return new Typed(ValueType.DURATION, (LongEval) ctx -> millis, true);
    }

    // ------------------------------------------------------------------ names

    private Typed path(Expr.Path p, Scope s) {
        String head = p.head().text();
        Variable variable = s.declared().get(head);
        if (variable != null) {
            return variablePath(p, variable, s);
        }
        if (head.equals("score") && p.steps().isEmpty()) {
            if (!s.scoreKnown()) {
                error(p.span(), "`score` is only known in `alert`, after a `score` clause",
                        s.inCondition() ? "a step's condition runs before the match is scored" : "add a `score \"model\" { ... }` clause");
                return Typed.ERROR;
            }
            return new Typed(ValueType.DOUBLE, (DoubleEval) EvalContext::score, false);
        }
        if (events.containsKey(head)) {
            error(p.head().span(), "`" + head + "` is an event type; conditions refer to pattern variables",
                    s.declared().isEmpty() ? null : "name a variable of the pattern, such as `"
                            + s.declared().keySet().iterator().next() + "`");
            return Typed.ERROR;
        }
        if (!s.inCondition()) {
            return bareFieldAfterMatch(p, s);
        }
        EventSchema type = s.currentType();
        Optional<FieldSlot> field = type.field(head);
        if (field.isEmpty()) {
            Set<String> known = new HashSet<>();
            type.fields().forEach(f -> known.add(f.name()));
            known.addAll(s.visible().keySet());
            error(p.head().span(), "unknown field `" + head + "` on `" + type.name() + "`",
                    NearestName.hint(head, known, "`" + type.name() + "` has"));
            return Typed.ERROR;
        }
        if (!p.steps().isEmpty()) {
            error(p.span(), "`" + head + "` is a field; it has no `" + stepText(p.steps().get(0)) + "`", null);
            return Typed.ERROR;
        }
        return read(field.get(), EvalContext::current);
    }

    private Typed bareFieldAfterMatch(Expr.Path p, Scope s) {
        String head = p.head().text();
        List<String> owners = new ArrayList<>();
        for (Variable v : s.visible().values()) {
            if (!v.group() && v.type().field(head).isPresent()) {
                owners.add(v.name());
            }
        }
        if (!owners.isEmpty()) {
            Variable owner = s.visible().get(owners.get(0));
            String example = owner.looping() ? owner.name() + ".last." + head : owner.name() + "." + head;
            error(p.span(), "in `" + s.clause() + "`, say which matched event `" + head + "` comes from",
                    "for example `" + example + "`");
        } else {
            error(p.span(), "unknown name `" + head + "`", NearestName.hint(head, s.visible().keySet(), "the pattern's variables are"));
        }
        return Typed.ERROR;
    }

    private Typed variablePath(Expr.Path p, Variable v, Scope s) {
        if (!checkVisible(v, p.head().span(), s)) {
            return Typed.ERROR;
        }
        if (p.steps().isEmpty()) {
            error(p.span(), "`" + v.name() + "` is a matched event, not a value; name one of its fields",
                    "for example `" + v.name() + "." + v.type().fields().get(0).name() + "`");
            return Typed.ERROR;
        }
        List<Expr.Step> steps = p.steps();
        Expr.Step first = steps.get(0);
        Function<EvalContext, Event> event;
        int fieldStep;
        boolean self = v == s.self();
        if (first instanceof Expr.IndexStep idx) {
            if (idx.index() < 1) {
                error(idx.span(), "positions start at 1: `" + v.name() + "[1]` is the first event", null);
                return Typed.ERROR;
            }
            event = nth(v, idx.index() - 1);
            fieldStep = 1;
        } else {
            String word = ((Expr.FieldStep) first).name().text();
            boolean isField = v.type().field(word).isPresent();
            if ((word.equals("first") || word.equals("last")) && !(isField && steps.size() == 1)) {
                event = word.equals("first") ? nth(v, 0) : last(v);
                fieldStep = 1;
            } else if (self) {
                event = EvalContext::current;
                fieldStep = 0;
            } else if (v.looping()) {
                error(p.span(), "`" + v.name() + "` matches several events; say which one",
                        "write `" + v.name() + ".first." + word + "`, `" + v.name() + ".last." + word + "`, `"
                                + v.name() + "[2]." + word + "` or an aggregate such as `sum(" + v.name() + "." + word + ")`");
                return Typed.ERROR;
            } else {
                event = nth(v, 0);
                fieldStep = 0;
            }
        }
        if (fieldStep >= steps.size()) {
            error(p.span(), "`" + text(p) + "` is an event, not a value; name one of its fields",
                    "for example `" + text(p) + "." + v.type().fields().get(0).name() + "`");
            return Typed.ERROR;
        }
        Expr.Step fieldPart = steps.get(fieldStep);
        if (!(fieldPart instanceof Expr.FieldStep fs)) {
            error(p.span(), "expected a field name after `" + v.name() + "`", null);
            return Typed.ERROR;
        }
        if (fieldStep + 1 < steps.size()) {
            error(p.span(), "`" + text(p) + "` goes past a field; a field has no parts", null);
            return Typed.ERROR;
        }
        String fieldName = fs.name().text();
        Optional<FieldSlot> field = v.type().field(fieldName);
        if (field.isEmpty()) {
            List<String> known = v.type().fields().stream().map(FieldSlot::name).toList();
            error(fs.name().span(), "unknown field `" + fieldName + "` on `" + v.type().name() + "`",
                    NearestName.hint(fieldName, known, "`" + v.type().name() + "` has"));
            return Typed.ERROR;
        }
        if (!(self && fieldStep == 0)) { // a field of an earlier event of v, not of the one being matched
            resources.keptRead(v, field.get());
        }
        return read(field.get(), event);
    }

    /** A variable is visible when it is matched before the expression runs and is not an absence. */
    boolean checkVisible(Variable v, Span at, Scope s) {
        if (v.group()) {
            error(at, "`" + v.name() + "` names a group; refer to the variables inside it", null);
            return false;
        }
        if (v.absent() && v != s.self()) {
            error(at, "`" + v.name() + "` is the event that must not happen; it has no values to refer to", null);
            return false;
        }
        if (!s.visible().containsKey(v.name()) && v != s.self()) {
            error(at, "`" + v.name() + "` is matched after this step; a condition can only refer to earlier variables",
                    "move the comparison to the condition of `" + v.name() + "`, or to `when`");
            return false;
        }
        return true;
    }

    private static Function<EvalContext, Event> nth(Variable v, int index) {
        int var = v.index();
        return ctx -> {
            if (index >= ctx.count(var)) {
                throw NoValue.INSTANCE;
            }
            return ctx.event(var, index);
        };
    }

    private static Function<EvalContext, Event> last(Variable v) {
        int var = v.index();
        return ctx -> {
            int n = ctx.count(var);
            if (n == 0) {
                throw NoValue.INSTANCE;
            }
            return ctx.event(var, n - 1);
        };
    }

    private static Typed read(FieldSlot f, Function<EvalContext, Event> event) {
        int i = f.index();
        Eval eval = switch (f.type()) {
            case STRING -> (StringEval) ctx -> event.apply(ctx).stringAt(i);
            case DECIMAL -> (DecimalEval) ctx -> event.apply(ctx).decimalAt(i);
            case DOUBLE -> (DoubleEval) ctx -> event.apply(ctx).doubleAt(i);
            case BOOLEAN -> (BoolEval) ctx -> event.apply(ctx).booleanAt(i);
            default -> (LongEval) ctx -> event.apply(ctx).longAt(i);
        };
        return new Typed(f.type(), eval, false);
    }

    /** Records that an expression reads {@code field} of {@code v}'s earlier events (see {@link RuleResources#keptRead}). */
    void keptRead(Variable v, FieldSlot field) {
        resources.keptRead(v, field);
    }

    /** A declared event type's name for examples in hints. */
    String someEventType() {
        return events.isEmpty() ? "Txn" : events.keySet().iterator().next();
    }

    // ------------------------------------------------------------------ windows and history

    private Typed window(Expr.Window w) {
        String fn = w.function().text();
        WindowSpec.Function function;
        try {
            function = WindowSpec.Function.valueOf(fn.toUpperCase());
        } catch (IllegalArgumentException e) {
            error(w.function().span(), "`" + fn + "` is not a window function",
                    "windows take count, sum, avg, min, max or distinct");
            return Typed.ERROR;
        }
        EventSchema source = eventType(w.eventType());
        if (source == null) {
            return Typed.ERROR;
        }
        if (!positive(w.over(), "a window")) {
            return Typed.ERROR;
        }
        Optional<FieldSlot> field = Optional.empty();
        if (w.field().isPresent()) {
            field = field(source, w.field().get());
            if (field.isEmpty()) {
                return Typed.ERROR;
            }
        } else if (function != WindowSpec.Function.COUNT) {
            error(w.span(), "`" + fn + "` over a window needs a field, as in `" + fn + "(" + source.name() + "."
                    + source.fields().get(0).name() + " over " + w.over() + ")`", null);
            return Typed.ERROR;
        }
        ValueType fieldType = field.map(FieldSlot::type).orElse(null);
        ValueType result;
        switch (function) {
            case COUNT:
            case DISTINCT:
                result = ValueType.LONG;
                break;
            case SUM:
            case AVG:
                if (fieldType == null || !fieldType.isNumeric()) {
                    error(w.span(), "`" + fn + "` needs a number field, but `" + w.field().get() + "` is "
                            + fieldType.withArticle(), null);
                    return Typed.ERROR;
                }
                result = function == WindowSpec.Function.AVG && fieldType != ValueType.DECIMAL ? ValueType.DOUBLE
                        : fieldType.evaluated();
                break;
            default:
                if (!fieldType.isNumeric() && fieldType != ValueType.TIMESTAMP) {
                    error(w.span(), "`" + fn + "` needs a number or timestamp field, but `" + w.field().get() + "` is "
                            + fieldType.withArticle(), null);
                    return Typed.ERROR;
                }
                result = fieldType.evaluated();
        }
        WindowSpec spec = resources.window(function, source, field, w.over().millis(), result);
        int index = spec.index();
        Eval eval = switch (result) {
            case DOUBLE -> (DoubleEval) ctx -> ctx.windowDouble(index);
            case DECIMAL -> (DecimalEval) ctx -> ctx.windowDecimal(index);
            default -> (LongEval) ctx -> ctx.windowLong(index);
        };
        return new Typed(result, eval, false);
    }

    private Typed inHistory(Expr.InHistory h, Scope s) {
        Typed value = compile(h.value(), s);
        HistorySpec spec = history(value, h.value(), h.eventType(), h.field(), h.over(), h.span());
        if (spec == null) {
            return Typed.ERROR;
        }
        int index = spec.index();
        Function<EvalContext, Object> boxed = value.boxedOrThrow();
        boolean negated = h.negated();
        return new Typed(ValueType.BOOLEAN, (BoolEval) ctx -> ctx.historyContains(index, boxed.apply(ctx)) != negated, false);
    }

    /** {@code first_seen(v in T.f over d)}, {@code last_seen(...)}: a timestamp, no value when never seen. */
    private Typed seen(Expr.Seen seen, Scope s) {
        String fn = seen.function().text();
        boolean first = fn.equals("first_seen");
        if (!first && !fn.equals("last_seen")) {
            error(seen.function().span(), "`" + fn + "` is not a history function",
                    "`v in T.f over d` is looked up by first_seen or last_seen");
            return Typed.ERROR;
        }
        Typed value = compile(seen.value(), s);
        HistorySpec spec = history(value, seen.value(), seen.eventType(), seen.field(), seen.over(), seen.span());
        if (spec == null) {
            return Typed.ERROR;
        }
        int index = spec.index();
        Function<EvalContext, Object> boxed = value.boxedOrThrow();
        LongEval eval = first ? ctx -> ctx.firstSeen(index, boxed.apply(ctx)) : ctx -> ctx.lastSeen(index, boxed.apply(ctx));
        return new Typed(ValueType.TIMESTAMP, eval, false);
    }

    /** The history of {@code T.f over d} that {@code value} is looked up in, or null after reporting why not. */
    private HistorySpec history(Typed value, Expr valueExpr, dev.vigil.dsl.ast.Name eventType, dev.vigil.dsl.ast.Name fieldName,
                                Expr.DurationLit over, dev.vigil.dsl.ast.Span span) {
        EventSchema source = eventType(eventType);
        if (value.failed() || source == null) {
            return null;
        }
        Optional<FieldSlot> field = field(source, fieldName);
        if (field.isEmpty() || !positive(over, "a history")) {
            return null;
        }
        if (!comparable(value.type(), field.get().type()) || value.type().isNumeric() != field.get().type().isNumeric()
                || value.type().evaluated() != field.get().type().evaluated()) {
            error(span, "type mismatch: `" + text(valueExpr) + "` is " + value.type().withArticle() + ", `"
                    + eventType.text() + "." + fieldName.text() + "` is " + field.get().type().withArticle(), null);
            return null;
        }
        return resources.history(source, field.get(), over.millis());
    }

    private EventSchema eventType(dev.vigil.dsl.ast.Name name) {
        EventSchema source = events.get(name.text());
        if (source == null) {
            error(name.span(), "unknown event type `" + name.text() + "`",
                    NearestName.hint(name.text(), events.keySet(), "declared event types are"));
        }
        return source;
    }

    private Optional<FieldSlot> field(EventSchema type, dev.vigil.dsl.ast.Name name) {
        Optional<FieldSlot> f = type.field(name.text());
        if (f.isEmpty()) {
            List<String> known = type.fields().stream().map(FieldSlot::name).toList();
            error(name.span(), "unknown field `" + name.text() + "` on `" + type.name() + "`",
                    NearestName.hint(name.text(), known, "`" + type.name() + "` has"));
        }
        return f;
    }

    private boolean positive(Expr.DurationLit d, String what) {
        if (d.amount() <= 0) {
            error(d.span(), "the length of " + what + " must be positive", "for example `10m`");
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ operators

    private Typed negate(Expr.Negate n, Scope s) {
        Typed a = compile(n.operand(), s);
        if (a.failed()) {
            return Typed.ERROR;
        }
        ValueType t = a.type().evaluated();
        if (t == ValueType.DOUBLE) {
            DoubleEval d = a.asDouble();
            return new Typed(t, (DoubleEval) ctx -> -d.eval(ctx), a.constant());
        }
        if (t == ValueType.DECIMAL) {
            DecimalEval d = a.asDecimal();
            return new Typed(t, (DecimalEval) ctx -> d.eval(ctx).negate(), a.constant());
        }
        if (t == ValueType.LONG || t == ValueType.DURATION) {
            LongEval l = a.longs();
            return new Typed(a.type(), (LongEval) ctx -> -l.eval(ctx), a.constant());
        }
        error(n.span(), "`-` needs a number, but `" + text(n.operand()) + "` is " + a.type().withArticle(), null);
        return Typed.ERROR;
    }

    private Typed binary(Expr.Binary b, Scope s) {
        if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
            Typed l = expectBoolean(b.left(), s);
            Typed r = expectBoolean(b.right(), s);
            if (l.failed() || r.failed()) {
                return Typed.ERROR;
            }
            BoolEval x = l.bool(), y = r.bool();
            BoolEval out = b.op() == Expr.BinaryOp.AND ? ctx -> x.test(ctx) && y.test(ctx) : ctx -> x.test(ctx) || y.test(ctx);
            return new Typed(ValueType.BOOLEAN, out, l.constant() && r.constant());
        }
        Typed l = compile(b.left(), s);
        Typed r = compile(b.right(), s);
        if (l.failed() || r.failed()) {
            return Typed.ERROR;
        }
        return b.op().isComparison() ? comparison(b, l, r) : arithmetic(b, l, r);
    }

    private Typed expectBoolean(Expr e, Scope s) {
        Typed t = compile(e, s);
        if (t.failed()) {
            return Typed.ERROR;
        }
        if (t.type() != ValueType.BOOLEAN) {
            error(e.span(), "expected true or false, but `" + text(e) + "` is " + t.type().withArticle(), null);
            return Typed.ERROR;
        }
        return t;
    }

    private Typed comparison(Expr.Binary b, Typed l, Typed r) {
        if (!comparable(l.type(), r.type())) {
            error(b.span(), "type mismatch: `" + text(b.left()) + "` is " + l.type().withArticle() + ", `"
                    + text(b.right()) + "` is " + r.type().withArticle(), mismatchHint(l.type(), r.type()));
            return Typed.ERROR;
        }
        Expr.BinaryOp op = b.op();
        boolean constant = l.constant() && r.constant();
        if (l.type() == ValueType.BOOLEAN) {
            if (op != Expr.BinaryOp.EQ && op != Expr.BinaryOp.NE) {
                error(b.span(), "true and false can only be compared with `=` and `!=`", null);
                return Typed.ERROR;
            }
            BoolEval x = l.bool(), y = r.bool();
            boolean eq = op == Expr.BinaryOp.EQ;
            return new Typed(ValueType.BOOLEAN, (BoolEval) ctx -> (x.test(ctx) == y.test(ctx)) == eq, constant);
        }
        Comparison cmp = comparator(l, r);
        BoolEval out = switch (op) {
            case EQ -> ctx -> cmp.compare(ctx) == 0;
            case NE -> ctx -> cmp.compare(ctx) != 0;
            case LT -> ctx -> cmp.compare(ctx) < 0;
            case LE -> ctx -> cmp.compare(ctx) <= 0;
            case GT -> ctx -> cmp.compare(ctx) > 0;
            default -> ctx -> cmp.compare(ctx) >= 0;
        };
        return new Typed(ValueType.BOOLEAN, out, constant);
    }

    @FunctionalInterface
    private interface Comparison {
        int compare(EvalContext ctx);
    }

    /** Compares two values of comparable types, widening numbers (long, then decimal, then double). */
    private static Comparison comparator(Typed l, Typed r) {
        if (l.type() == ValueType.STRING) {
            StringEval x = l.string(), y = r.string();
            return ctx -> x.eval(ctx).compareTo(y.eval(ctx));
        }
        ValueType t = l.type().isNumeric() ? wider(l.type(), r.type()) : l.type().evaluated();
        if (t == ValueType.DOUBLE) {
            DoubleEval x = l.asDouble(), y = r.asDouble();
            return ctx -> Double.compare(x.eval(ctx), y.eval(ctx));
        }
        if (t == ValueType.DECIMAL) {
            DecimalEval x = l.asDecimal(), y = r.asDecimal();
            return ctx -> x.eval(ctx).compareTo(y.eval(ctx));
        }
        LongEval x = l.longs(), y = r.longs();
        return ctx -> Long.compare(x.eval(ctx), y.eval(ctx));
    }

    static boolean comparable(ValueType a, ValueType b) {
        return a.isNumeric() && b.isNumeric() || a.evaluated() == b.evaluated();
    }

    private static String mismatchHint(ValueType a, ValueType b) {
        if (a == ValueType.STRING && b.isNumeric() || b == ValueType.STRING && a.isNumeric()) {
            return "write the number in double quotes to compare it as text, or compare with a number field";
        }
        if (a == ValueType.DURATION || b == ValueType.DURATION) {
            return "a duration compares with a duration, as in `b.ts - a.ts < 10m`";
        }
        return null;
    }

    static ValueType wider(ValueType a, ValueType b) {
        if (a == ValueType.DOUBLE || b == ValueType.DOUBLE) {
            return ValueType.DOUBLE;
        }
        if (a == ValueType.DECIMAL || b == ValueType.DECIMAL) {
            return ValueType.DECIMAL;
        }
        return ValueType.LONG;
    }

    private Typed arithmetic(Expr.Binary b, Typed l, Typed r) {
        Expr.BinaryOp op = b.op();
        boolean constant = l.constant() && r.constant();
        ValueType lt = l.type().evaluated(), rt = r.type().evaluated();
        // Time arithmetic: ts - ts = duration, ts +/- duration = ts, duration +/- duration, duration * n.
        if (lt == ValueType.TIMESTAMP || rt == ValueType.TIMESTAMP || lt == ValueType.DURATION || rt == ValueType.DURATION) {
            ValueType result = timeResult(op, lt, rt);
            if (result == null) {
                error(b.span(), "cannot " + verb(op) + " " + l.type().withArticle() + " and " + r.type().withArticle()
                        + " (`" + text(b) + "`)", "timestamps subtract to a duration; durations add to timestamps");
                return Typed.ERROR;
            }
            LongEval x = l.longs(), y = r.longs();
            LongEval out = switch (op) {
                case ADD -> ctx -> x.eval(ctx) + y.eval(ctx);
                case SUB -> ctx -> x.eval(ctx) - y.eval(ctx);
                case MUL -> ctx -> x.eval(ctx) * y.eval(ctx);
                default -> ctx -> x.eval(ctx) / nonZero(y.eval(ctx));
            };
            return new Typed(result, out, constant);
        }
        if (!l.type().isNumeric() || !r.type().isNumeric()) {
            Typed bad = l.type().isNumeric() ? r : l;
            Expr badExpr = l.type().isNumeric() ? b.right() : b.left();
            error(b.span(), "cannot " + verb(op) + " " + bad.type().withArticle() + " (`" + text(badExpr) + "`)",
                    "arithmetic needs numbers, timestamps or durations");
            return Typed.ERROR;
        }
        ValueType t = wider(lt, rt);
        if (op == Expr.BinaryOp.MOD) {
            if (t != ValueType.LONG) {
                error(b.span(), "`%` needs whole numbers", null);
                return Typed.ERROR;
            }
            LongEval x = l.longs(), y = r.longs();
            return new Typed(ValueType.LONG, (LongEval) ctx -> x.eval(ctx) % nonZero(y.eval(ctx)), constant);
        }
        // Whole numbers divide exactly, into a decimal: 7 / 2 is 3.5, as an analyst expects.
        if (op == Expr.BinaryOp.DIV && t == ValueType.LONG) {
            t = ValueType.DECIMAL;
        }
        if (t == ValueType.DOUBLE) {
            DoubleEval x = l.asDouble(), y = r.asDouble();
            DoubleEval out = switch (op) {
                case ADD -> ctx -> x.eval(ctx) + y.eval(ctx);
                case SUB -> ctx -> x.eval(ctx) - y.eval(ctx);
                case MUL -> ctx -> x.eval(ctx) * y.eval(ctx);
                default -> ctx -> {
                    double d = y.eval(ctx);
                    if (d == 0) {
                        throw NoValue.INSTANCE;
                    }
                    return x.eval(ctx) / d;
                };
            };
            return new Typed(t, out, constant);
        }
        if (t == ValueType.DECIMAL) {
            DecimalEval x = l.asDecimal(), y = r.asDecimal();
            DecimalEval out = switch (op) {
                case ADD -> ctx -> x.eval(ctx).add(y.eval(ctx));
                case SUB -> ctx -> x.eval(ctx).subtract(y.eval(ctx));
                case MUL -> ctx -> x.eval(ctx).multiply(y.eval(ctx));
                default -> ctx -> {
                    BigDecimal d = y.eval(ctx);
                    if (d.signum() == 0) {
                        throw NoValue.INSTANCE;
                    }
                    return x.eval(ctx).divide(d, DIVISION);
                };
            };
            return new Typed(t, out, constant);
        }
        LongEval x = l.longs(), y = r.longs();
        LongEval out = switch (op) {
            case ADD -> ctx -> x.eval(ctx) + y.eval(ctx);
            case SUB -> ctx -> x.eval(ctx) - y.eval(ctx);
            default -> ctx -> x.eval(ctx) * y.eval(ctx);
        };
        return new Typed(ValueType.LONG, out, constant);
    }

    private static long nonZero(long v) {
        if (v == 0) {
            throw NoValue.INSTANCE;
        }
        return v;
    }

    private static ValueType timeResult(Expr.BinaryOp op, ValueType l, ValueType r) {
        ValueType ts = ValueType.TIMESTAMP, dur = ValueType.DURATION, n = ValueType.LONG;
        if (op == Expr.BinaryOp.SUB && l == ts && r == ts) {
            return dur;
        }
        if ((op == Expr.BinaryOp.ADD || op == Expr.BinaryOp.SUB) && l == ts && r == dur) {
            return ts;
        }
        if (op == Expr.BinaryOp.ADD && l == dur && r == ts) {
            return ts;
        }
        if ((op == Expr.BinaryOp.ADD || op == Expr.BinaryOp.SUB) && l == dur && r == dur) {
            return dur;
        }
        if (op == Expr.BinaryOp.MUL && (l == dur && r == n || l == n && r == dur)) {
            return dur;
        }
        if (op == Expr.BinaryOp.DIV && l == dur && r == n) {
            return dur;
        }
        return null;
    }

    private static String verb(Expr.BinaryOp op) {
        return switch (op) {
            case ADD -> "add";
            case SUB -> "subtract";
            case MUL -> "multiply";
            case DIV -> "divide";
            default -> "take the remainder of";
        };
    }

    private Typed in(Expr.In in, Scope s) {
        Typed value = compile(in.value(), s);
        if (value.failed()) {
            return Typed.ERROR;
        }
        if (in.candidates().isEmpty()) {
            error(in.span(), "an empty list: `in ()` is never true", "list at least one value");
            return Typed.ERROR;
        }
        List<Comparison> tests = new ArrayList<>();
        List<Typed> typedCandidates = new ArrayList<>();
        boolean allConstant = true;
        for (Expr c : in.candidates()) {
            Typed t = compile(c, s);
            typedCandidates.add(t);
            if (t.failed()) {
                return Typed.ERROR;
            }
            if (!comparable(value.type(), t.type())) {
                error(c.span(), "type mismatch: `" + text(in.value()) + "` is " + value.type().withArticle() + ", `"
                        + text(c) + "` is " + t.type().withArticle(), mismatchHint(value.type(), t.type()));
                return Typed.ERROR;
            }
            allConstant &= t.constant();
            tests.add(comparator(value, t));
        }
        boolean negated = in.negated();
        if (allConstant && value.type() == ValueType.STRING) {
            // A constant string list is a hash set: one probe per event however long the list.
            Set<String> set = new HashSet<>();
            for (Typed c : typedCandidates) {
                set.add(c.string().eval(null));
            }
            StringEval v = value.string();
            return new Typed(ValueType.BOOLEAN, (BoolEval) ctx -> set.contains(v.eval(ctx)) != negated, value.constant());
        }
        Comparison[] all = tests.toArray(Comparison[]::new);
        return new Typed(ValueType.BOOLEAN, (BoolEval) ctx -> {
            for (Comparison c : all) {
                if (c.compare(ctx) == 0) {
                    return !negated;
                }
            }
            return negated;
        }, value.constant() && allConstant);
    }

    private Typed matches(Expr.Matches m, Scope s) {
        Typed value = compile(m.value(), s);
        if (value.failed()) {
            return Typed.ERROR;
        }
        if (value.type() != ValueType.STRING) {
            error(m.value().span(), "`matches` needs a string, but `" + text(m.value()) + "` is "
                    + value.type().withArticle(), null);
            return Typed.ERROR;
        }
        Pattern regex;
        try {
            regex = Pattern.compile(m.regex().value());
        } catch (PatternSyntaxException e) {
            error(m.regex().span(), "bad regular expression: " + e.getDescription(),
                    "Vigil uses RE2 syntax (linear time): no backreferences or lookaround");
            return Typed.ERROR;
        }
        StringEval v = value.string();
        boolean negated = m.negated();
        return new Typed(ValueType.BOOLEAN, (BoolEval) ctx -> regex.matches(v.eval(ctx)) != negated, value.constant());
    }

    // ------------------------------------------------------------------ helpers

    /** Evaluates a constant condition at compile time; a constant that has no value counts as false. */
    static boolean constantTrue(BoolEval b) {
        try {
            return b.test(null);
        } catch (NoValue missing) {
            return false;
        }
    }

    String text(Expr e) {
        return SourceText.of(sourceText, e.span());
    }

    private static String stepText(Expr.Step step) {
        return step instanceof Expr.FieldStep f ? "." + f.name().text() : "[" + ((Expr.IndexStep) step).index() + "]";
    }

    void error(Span span, String message, String hint) {
        diagnostics.error(file, span, message, hint);
    }
}
