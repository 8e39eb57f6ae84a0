package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.program.Evaluators.BoolEval;
import dev.vigil.dsl.program.Evaluators.DecimalEval;
import dev.vigil.dsl.program.Evaluators.DoubleEval;
import dev.vigil.dsl.program.Evaluators.LongEval;
import dev.vigil.dsl.program.Evaluators.StringEval;
import dev.vigil.dsl.program.NoValue;
import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Type-checks and compiles calls of the language's functions: aggregates over a pattern
 * variable's events ({@code count}, {@code sum}, {@code avg}, {@code min}, {@code max}), the
 * two-value {@code min}/{@code max}, string, time and number functions, and {@code geo_distance}.
 * Arguments are compiled, and errors reported, through the {@link ExprCompiler} that owns it.
 */
final class FunctionCompiler {
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private final ExprCompiler exprs;

    FunctionCompiler(ExprCompiler exprs) {
        this.exprs = exprs;
    }

    Typed call(Expr.Call c, Scope s) {
        String fn = c.function().text();
        List<Expr> args = c.args();
        switch (fn) {
            case "count":
                if (args.size() == 1 && args.get(0) instanceof Expr.Path p && p.steps().isEmpty()
                        && s.declared().containsKey(p.head().text())) {
                    Variable v = s.declared().get(p.head().text());
                    if (!exprs.checkVisible(v, p.span(), s)) {
                        return Typed.ERROR;
                    }
                    int var = v.index();
                    return new Typed(ValueType.LONG, (LongEval) ctx -> ctx.count(var), false);
                }
                exprs.error(c.span(), "`count` takes a pattern variable, as in `count(probe)`",
                        "to count the key's recent events, write `count(" + exprs.someEventType() + " over 10m)`");
                return Typed.ERROR;
            case "sum":
            case "avg":
                return aggregate(c, s);
            case "min":
            case "max":
                return args.size() == 2 ? pairwise(c, s) : aggregate(c, s);
            case "lower":
            case "upper":
            case "trim": {
                Typed a = unaryArg(c, s, ValueType.STRING);
                if (a.failed()) {
                    return Typed.ERROR;
                }
                StringEval str = a.string();
                StringEval out = fn.equals("lower") ? ctx -> str.eval(ctx).toLowerCase()
                        : fn.equals("upper") ? ctx -> str.eval(ctx).toUpperCase() : ctx -> str.eval(ctx).strip();
                return new Typed(ValueType.STRING, out, a.constant());
            }
            case "length": {
                Typed a = unaryArg(c, s, ValueType.STRING);
                if (a.failed()) {
                    return Typed.ERROR;
                }
                StringEval str = a.string();
                return new Typed(ValueType.LONG, (LongEval) ctx -> str.eval(ctx).length(), a.constant());
            }
            case "starts_with":
            case "ends_with":
            case "contains":
                return stringPredicate(c, s);
            case "abs":
                return abs(c, s);
            case "hour":
            case "day_of_week": {
                Typed a = unaryArg(c, s, ValueType.TIMESTAMP);
                if (a.failed()) {
                    return Typed.ERROR;
                }
                LongEval ts = a.longs();
                LongEval out = fn.equals("hour") ? ctx -> Math.floorMod(ts.eval(ctx), 86_400_000L) / 3_600_000L
                        // 1970-01-01 was a Thursday (4); ISO days run Monday=1 .. Sunday=7.
                        : ctx -> Math.floorMod(Math.floorDiv(ts.eval(ctx), 86_400_000L) + 3, 7) + 1;
                return new Typed(ValueType.LONG, out, a.constant());
            }
            case "geo_distance":
                return geoDistance(c, s);
            default:
                exprs.error(c.function().span(), "unknown function `" + fn + "`",
                        NearestName.hint(fn, FUNCTIONS, "functions are"));
                return Typed.ERROR;
        }
    }

    private static final List<String> FUNCTIONS = List.of("count", "sum", "avg", "min", "max", "lower", "upper",
            "trim", "length", "starts_with", "ends_with", "contains", "abs", "hour", "day_of_week", "geo_distance");

    /** {@code sum(probe.amount)}: over the events a variable matched so far. */
    private Typed aggregate(Expr.Call c, Scope s) {
        String fn = c.function().text();
        if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Path p) || p.steps().size() != 1
                || !(p.steps().get(0) instanceof Expr.FieldStep fs) || !s.declared().containsKey(p.head().text())) {
            exprs.error(c.span(), "`" + fn + "` takes one field of a pattern variable, as in `" + fn + "(probe.amount)`",
                    "for the key's recent events, write `" + fn + "(" + exprs.someEventType() + ".amount over 1h)`");
            return Typed.ERROR;
        }
        Variable v = s.declared().get(p.head().text());
        if (!exprs.checkVisible(v, p.head().span(), s)) {
            return Typed.ERROR;
        }
        Optional<FieldSlot> field = v.type().field(fs.name().text());
        if (field.isEmpty()) {
            List<String> known = v.type().fields().stream().map(FieldSlot::name).toList();
            exprs.error(fs.name().span(), "unknown field `" + fs.name().text() + "` on `" + v.type().name() + "`",
                    NearestName.hint(fs.name().text(), known, "`" + v.type().name() + "` has"));
            return Typed.ERROR;
        }
        FieldSlot f = field.get();
        exprs.keptRead(v, f);
        ValueType t = f.type().evaluated();
        boolean numeric = f.type().isNumeric();
        boolean ordered = numeric || f.type() == ValueType.TIMESTAMP;
        if ((fn.equals("sum") || fn.equals("avg")) && !numeric || !ordered) {
            exprs.error(c.span(), "`" + fn + "` needs numbers, but `" + exprs.text(p) + "` is " + f.type().withArticle(), null);
            return Typed.ERROR;
        }
        int var = v.index();
        int slot = f.index();
        switch (fn) {
            case "sum":
                if (t == ValueType.DECIMAL) {
                    return new Typed(t, (DecimalEval) ctx -> {
                        BigDecimal sum = BigDecimal.ZERO;
                        for (int i = 0, n = ctx.count(var); i < n; i++) {
                            sum = sum.add(ctx.event(var, i).decimalAt(slot));
                        }
                        return sum;
                    }, false);
                }
                if (t == ValueType.DOUBLE) {
                    return new Typed(t, (DoubleEval) ctx -> {
                        double sum = 0;
                        for (int i = 0, n = ctx.count(var); i < n; i++) {
                            sum += ctx.event(var, i).doubleAt(slot);
                        }
                        return sum;
                    }, false);
                }
                return new Typed(t, (LongEval) ctx -> {
                    long sum = 0;
                    for (int i = 0, n = ctx.count(var); i < n; i++) {
                        sum += ctx.event(var, i).longAt(slot);
                    }
                    return sum;
                }, false);
            case "avg":
                if (t == ValueType.DECIMAL) {
                    return new Typed(t, (DecimalEval) ctx -> {
                        int n = nonEmpty(ctx.count(var));
                        BigDecimal sum = BigDecimal.ZERO;
                        for (int i = 0; i < n; i++) {
                            sum = sum.add(ctx.event(var, i).decimalAt(slot));
                        }
                        return sum.divide(BigDecimal.valueOf(n), ExprCompiler.DIVISION);
                    }, false);
                }
                boolean isDouble = t == ValueType.DOUBLE;
                return new Typed(ValueType.DOUBLE, (DoubleEval) ctx -> {
                    int n = nonEmpty(ctx.count(var));
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        Event e = ctx.event(var, i);
                        sum += isDouble ? e.doubleAt(slot) : e.longAt(slot);
                    }
                    return sum / n;
                }, false);
            default:
                boolean max = fn.equals("max");
                if (t == ValueType.DECIMAL) {
                    return new Typed(t, (DecimalEval) ctx -> {
                        int n = nonEmpty(ctx.count(var));
                        BigDecimal best = ctx.event(var, 0).decimalAt(slot);
                        for (int i = 1; i < n; i++) {
                            BigDecimal x = ctx.event(var, i).decimalAt(slot);
                            if (max ? x.compareTo(best) > 0 : x.compareTo(best) < 0) {
                                best = x;
                            }
                        }
                        return best;
                    }, false);
                }
                if (t == ValueType.DOUBLE) {
                    return new Typed(t, (DoubleEval) ctx -> {
                        int n = nonEmpty(ctx.count(var));
                        double best = ctx.event(var, 0).doubleAt(slot);
                        for (int i = 1; i < n; i++) {
                            double x = ctx.event(var, i).doubleAt(slot);
                            best = max ? Math.max(best, x) : Math.min(best, x);
                        }
                        return best;
                    }, false);
                }
                return new Typed(f.type(), (LongEval) ctx -> {
                    int n = nonEmpty(ctx.count(var));
                    long best = ctx.event(var, 0).longAt(slot);
                    for (int i = 1; i < n; i++) {
                        long x = ctx.event(var, i).longAt(slot);
                        best = max ? Math.max(best, x) : Math.min(best, x);
                    }
                    return best;
                }, false);
        }
    }

    private static int nonEmpty(int n) {
        if (n == 0) {
            throw NoValue.INSTANCE;
        }
        return n;
    }

    /** {@code min(a, b)}, {@code max(a, b)} of two numbers. */
    private Typed pairwise(Expr.Call c, Scope s) {
        boolean max = c.function().text().equals("max");
        Typed a = exprs.compile(c.args().get(0), s);
        Typed b = exprs.compile(c.args().get(1), s);
        if (a.failed() || b.failed()) {
            return Typed.ERROR;
        }
        if (!a.type().isNumeric() || !b.type().isNumeric()) {
            exprs.error(c.span(), "`" + c.function().text() + "` of two values needs numbers", null);
            return Typed.ERROR;
        }
        ValueType t = ExprCompiler.wider(a.type(), b.type());
        boolean constant = a.constant() && b.constant();
        if (t == ValueType.DOUBLE) {
            DoubleEval x = a.asDouble(), y = b.asDouble();
            return new Typed(t, (DoubleEval) ctx -> max ? Math.max(x.eval(ctx), y.eval(ctx)) : Math.min(x.eval(ctx), y.eval(ctx)), constant);
        }
        if (t == ValueType.DECIMAL) {
            DecimalEval x = a.asDecimal(), y = b.asDecimal();
            return new Typed(t, (DecimalEval) ctx -> max ? x.eval(ctx).max(y.eval(ctx)) : x.eval(ctx).min(y.eval(ctx)), constant);
        }
        LongEval x = a.longs(), y = b.longs();
        return new Typed(ValueType.LONG, (LongEval) ctx -> max ? Math.max(x.eval(ctx), y.eval(ctx)) : Math.min(x.eval(ctx), y.eval(ctx)), constant);
    }

    private Typed unaryArg(Expr.Call c, Scope s, ValueType wanted) {
        String fn = c.function().text();
        if (c.args().size() != 1) {
            exprs.error(c.span(), "`" + fn + "` takes one argument, " + c.args().size() + " given", null);
            return Typed.ERROR;
        }
        Typed a = exprs.compile(c.args().get(0), s);
        if (a.failed()) {
            return Typed.ERROR;
        }
        if (a.type() != wanted) {
            exprs.error(c.args().get(0).span(), "`" + fn + "` needs " + wanted.withArticle() + ", but `"
                    + exprs.text(c.args().get(0)) + "` is " + a.type().withArticle(), null);
            return Typed.ERROR;
        }
        return a;
    }

    private Typed stringPredicate(Expr.Call c, Scope s) {
        String fn = c.function().text();
        if (c.args().size() != 2) {
            exprs.error(c.span(), "`" + fn + "` takes two strings, as in `" + fn + "(email, \"x\")`", null);
            return Typed.ERROR;
        }
        Typed a = exprs.compile(c.args().get(0), s);
        Typed b = exprs.compile(c.args().get(1), s);
        if (a.failed() || b.failed()) {
            return Typed.ERROR;
        }
        for (int i = 0; i < 2; i++) {
            Typed t = i == 0 ? a : b;
            if (t.type() != ValueType.STRING) {
                exprs.error(c.args().get(i).span(), "`" + fn + "` needs strings, but `" + exprs.text(c.args().get(i)) + "` is "
                        + t.type().withArticle(), null);
                return Typed.ERROR;
            }
        }
        StringEval x = a.string(), y = b.string();
        BoolEval out = switch (fn) {
            case "starts_with" -> ctx -> x.eval(ctx).startsWith(y.eval(ctx));
            case "ends_with" -> ctx -> x.eval(ctx).endsWith(y.eval(ctx));
            default -> ctx -> x.eval(ctx).contains(y.eval(ctx));
        };
        return new Typed(ValueType.BOOLEAN, out, a.constant() && b.constant());
    }

    private Typed abs(Expr.Call c, Scope s) {
        if (c.args().size() != 1) {
            exprs.error(c.span(), "`abs` takes one number", null);
            return Typed.ERROR;
        }
        Typed a = exprs.compile(c.args().get(0), s);
        if (a.failed()) {
            return Typed.ERROR;
        }
        ValueType t = a.type().evaluated();
        if (t == ValueType.DOUBLE) {
            DoubleEval d = a.asDouble();
            return new Typed(t, (DoubleEval) ctx -> Math.abs(d.eval(ctx)), a.constant());
        }
        if (t == ValueType.DECIMAL) {
            DecimalEval d = a.asDecimal();
            return new Typed(t, (DecimalEval) ctx -> d.eval(ctx).abs(), a.constant());
        }
        if (t == ValueType.LONG || t == ValueType.DURATION) {
            LongEval l = a.longs();
            return new Typed(a.type(), (LongEval) ctx -> Math.abs(l.eval(ctx)), a.constant());
        }
        exprs.error(c.args().get(0).span(), "`abs` needs a number, but `" + exprs.text(c.args().get(0)) + "` is "
                + a.type().withArticle(), null);
        return Typed.ERROR;
    }

    /** Great-circle distance in kilometres between two (lat, lon) points in degrees (haversine). */
    private Typed geoDistance(Expr.Call c, Scope s) {
        if (c.args().size() != 4) {
            exprs.error(c.span(), "`geo_distance` takes four numbers: lat1, lon1, lat2, lon2", null);
            return Typed.ERROR;
        }
        DoubleEval[] xs = new DoubleEval[4];
        boolean constant = true;
        for (int i = 0; i < 4; i++) {
            Typed a = exprs.compile(c.args().get(i), s);
            if (a.failed()) {
                return Typed.ERROR;
            }
            if (!a.type().isNumeric()) {
                exprs.error(c.args().get(i).span(), "`geo_distance` needs numbers, but `" + exprs.text(c.args().get(i)) + "` is "
                        + a.type().withArticle(), null);
                return Typed.ERROR;
            }
            xs[i] = a.asDouble();
            constant &= a.constant();
        }
        return new Typed(ValueType.DOUBLE, (DoubleEval) ctx -> haversineKm(xs[0].eval(ctx), xs[1].eval(ctx),
                xs[2].eval(ctx), xs[3].eval(ctx)), constant);
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
