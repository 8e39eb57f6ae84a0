package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Name;
import dev.vigil.dsl.ast.Pattern;
import dev.vigil.dsl.ast.RuleDecl;
import dev.vigil.dsl.ast.Span;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.program.Evaluators;
import dev.vigil.dsl.program.Evaluators.BoolEval;
import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.KeySpec;
import dev.vigil.dsl.program.OutputValue;
import dev.vigil.dsl.program.PatternNode;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.ScoreSpec;
import dev.vigil.dsl.program.Severity;
import dev.vigil.dsl.program.SkipStrategy;
import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one rule declaration and compiles it into a {@link RuleProgram}: clauses (each at most
 * once), the pattern, the conditions, the key, and the resource guard that refuses rules whose
 * partial matches could grow without bound.
 */
final class RuleCompiler {
    static final String DEFAULT_QUEUE = "review.default";

    private final String file;
    private final String sourceText;
    private final Diagnostics diagnostics;
    private final Map<String, EventSchema> events;

    RuleCompiler(String file, String sourceText, Diagnostics diagnostics, Map<String, EventSchema> events) {
        this.file = file;
        this.sourceText = sourceText;
        this.diagnostics = diagnostics;
        this.events = events;
    }

    Optional<RuleProgram> compile(RuleDecl rule) {
        int errorsBefore = diagnostics.count();
        Map<Class<?>, RuleDecl.Clause> clauses = uniqueClauses(rule);
        RuleDecl.Match match = get(clauses, RuleDecl.Match.class);
        RuleDecl.Key key = get(clauses, RuleDecl.Key.class);
        if (match == null) {
            error(rule.name().span(), "rule `" + rule.name() + "` has no `match` clause", "add `match a: Txn where ...`");
        }
        if (key == null) {
            error(rule.name().span(), "rule `" + rule.name() + "` has no `key` clause",
                    "say what the rule follows, for example `key card_id`");
        }
        if (match == null) {
            return Optional.empty();
        }
        RuleDecl.Within within = get(clauses, RuleDecl.Within.class);
        if (within != null && within.duration().amount() <= 0) {
            error(within.duration().span(), "`within` must be positive", "for example `within 15m`");
        }
        RuleDecl.MaxPartials maxPartials = get(clauses, RuleDecl.MaxPartials.class);
        if (maxPartials != null && maxPartials.limit() < 1) {
            error(maxPartials.span(), "`max_partials` must be at least 1", null);
        }
        RuleResources resources = new RuleResources();
        ExprCompiler exprs = new ExprCompiler(file, sourceText, diagnostics, events, resources);
        PatternCompiler patterns = new PatternCompiler(file, diagnostics, events, exprs);
        Optional<PatternNode.Sequence> pattern = patterns.compile(match.pattern(), within != null);
        findContradictions(match.pattern());
        checkGuard(rule, match.pattern(), within, maxPartials);

        Map<String, Variable> all = patterns.variables();
        Map<String, Variable> present = new LinkedHashMap<>();
        all.values().stream().filter(v -> !v.absent() && !v.group()).forEach(v -> present.put(v.name(), v));
        Scope afterMatch = new Scope("when", null, present, all, false);

        Optional<BoolEval> when = Optional.empty();
        RuleDecl.When whenClause = get(clauses, RuleDecl.When.class);
        if (whenClause != null) {
            when = Optional.ofNullable(exprs.condition(whenClause.condition(), afterMatch)).map(Evaluators::condition);
        }
        Optional<ScoreSpec> score = Optional.empty();
        RuleDecl.Score scoreClause = get(clauses, RuleDecl.Score.class);
        if (scoreClause != null) {
            List<OutputValue> features = outputs(scoreClause.features(), exprs,
                    new Scope("score", null, present, all, false), true);
            score = Optional.of(new ScoreSpec(scoreClause.model(), features));
        }
        RuleDecl.Alert alert = get(clauses, RuleDecl.Alert.class);
        Scope alertScope = new Scope("alert", null, present, all, scoreClause != null);
        Optional<BoolEval> alertIf = Optional.empty();
        List<OutputValue> outputs = List.of();
        if (alert != null) {
            if (alert.condition().isPresent()) {
                alertIf = Optional.ofNullable(exprs.condition(alert.condition().get(), alertScope)).map(Evaluators::condition);
            }
            outputs = outputs(alert.values(), exprs, alertScope, false);
        }
        KeySpec keySpec = key == null ? null : key(key, match.pattern(), patterns.variableList(), resources);
        SkipStrategy skip = skip(get(clauses, RuleDecl.Skip.class), all);
        if (diagnostics.count() > errorsBefore || pattern.isEmpty() || keySpec == null) {
            return Optional.empty();
        }
        RuleDecl.Title title = get(clauses, RuleDecl.Title.class);
        RuleDecl.Queue queue = get(clauses, RuleDecl.Queue.class);
        RuleDecl.Version version = get(clauses, RuleDecl.Version.class);
        return Optional.of(new RuleProgram(rule.name().text(), version == null ? 1 : version.number(), file,
                title == null ? rule.name().text() : title.text(), severity(get(clauses, RuleDecl.Severity.class)),
                queue == null ? DEFAULT_QUEUE : queue.topic(), keySpec, pattern.get(), patterns.variableList(),
                within == null ? 0 : within.duration().millis(), skip, when, score, alertIf, outputs,
                resources.windows(), resources.histories(), resources.keptReferences(patterns.variableList().size()),
                maxPartials == null ? 0 : maxPartials.limit()));
    }

    private Map<Class<?>, RuleDecl.Clause> uniqueClauses(RuleDecl rule) {
        Map<Class<?>, RuleDecl.Clause> seen = new HashMap<>();
        for (RuleDecl.Clause c : rule.clauses()) {
            RuleDecl.Clause first = seen.putIfAbsent(c.getClass(), c);
            if (first != null) {
                String word = c.getClass().getSimpleName().toLowerCase();
                word = switch (word) {
                    case "maxpartials" -> "max_partials";
                    case "skip" -> "after match";
                    default -> word;
                };
                error(c.span(), "`" + word + "` is given twice in rule `" + rule.name() + "`",
                        "the first one is on line " + first.span().line() + "; keep one");
            }
        }
        return seen;
    }

    @SuppressWarnings("unchecked")
    private static <T extends RuleDecl.Clause> T get(Map<Class<?>, RuleDecl.Clause> clauses, Class<T> type) {
        return (T) clauses.get(type);
    }

    private Severity severity(RuleDecl.Severity clause) {
        if (clause == null) {
            return Severity.MEDIUM;
        }
        Severity s = Severity.ofKeyword(clause.level().text());
        if (s == null) {
            List<String> levels = Arrays.stream(Severity.values()).map(Severity::keyword).toList();
            error(clause.level().span(), "unknown severity `" + clause.level().text() + "`",
                    NearestName.hint(clause.level().text(), levels, "severities are"));
            return Severity.MEDIUM;
        }
        return s;
    }

    /**
     * The guard against unbounded partial matches: a pattern that can wait for ever must have an
     * overall {@code within}, or its author must set {@code max_partials}. A single non-repeating
     * step needs neither: it never waits.
     */
    private void checkGuard(RuleDecl rule, Pattern pattern, RuleDecl.Within within, RuleDecl.MaxPartials maxPartials) {
        if (within != null || maxPartials != null) {
            return;
        }
        boolean single = pattern.steps().size() == 1 && pattern.steps().get(0).term() instanceof Pattern.Element e
                && e.quantifier().isEmpty();
        if (single) {
            return;
        }
        boolean everyGapBounded = pattern.steps().stream().skip(1)
                .allMatch(s -> s.link().flatMap(Pattern.Link::within).isPresent());
        if (everyGapBounded && !PatternCompiler.hasUnboundedLoop(pattern)) {
            return;
        }
        boolean any = pattern.steps().stream().anyMatch(s -> s.link().map(l -> l.contiguity()
                == Pattern.Contiguity.NON_DETERMINISTIC).orElse(false));
        String why = any ? "with `then any` and no time limit, partial matches multiply without bound"
                : "without a time limit, partial matches are kept for ever";
        error(pattern.span(), "rule `" + rule.name() + "` could keep unbounded partial matches: " + why,
                "add `within 1h` (or the time the behaviour takes), or set `max_partials 1000`");
    }

    private void findContradictions(Pattern pattern) {
        for (Pattern.Step s : pattern.steps()) {
            if (s.term() instanceof Pattern.Element e) {
                e.where().ifPresent(w -> {
                    ContradictionFinder.Contradiction c = ContradictionFinder.find(w, this::text);
                    if (c != null) {
                        error(c.span(), "this condition is never true: " + c.reason(), "check the comparison signs");
                    }
                });
            } else {
                findContradictions(((Pattern.Group) s.term()).pattern());
            }
        }
    }

    private List<OutputValue> outputs(List<RuleDecl.NamedExpr> named, ExprCompiler exprs, Scope scope, boolean features) {
        List<OutputValue> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (RuleDecl.NamedExpr n : named) {
            if (!names.add(n.name().text())) {
                error(n.name().span(), "`" + n.name() + "` is given twice", "give each value its own name");
                continue;
            }
            if (!features && n.name().text().equals("key")) {
                error(n.name().span(), "`key` is reserved: every alert carries its key already", "choose another name");
                continue;
            }
            Typed t = exprs.compile(n.value(), scope);
            if (t.failed()) {
                continue;
            }
            if (features && !(t.type().isNumeric() || t.type() == ValueType.BOOLEAN)) {
                error(n.value().span(), "a model feature must be a number or true/false, but `" + text(n.value())
                        + "` is " + t.type().withArticle(), null);
                continue;
            }
            out.add(new OutputValue(n.name().text(), t.type().evaluated(), t.boxed()));
        }
        return out;
    }

    /** The key fields must exist, with one type, on every event type the rule reads. */
    private KeySpec key(RuleDecl.Key key, Pattern pattern, List<Variable> variables, RuleResources resources) {
        Set<EventSchema> read = new LinkedHashSet<>();
        variables.stream().filter(v -> v.type() != null).forEach(v -> read.add(v.type()));
        resources.windows().stream().map(WindowSpec::source).forEach(read::add);
        resources.histories().stream().map(HistorySpec::source).forEach(read::add);
        Map<EventSchema, List<FieldSlot>> slots = new LinkedHashMap<>();
        boolean ok = true;
        Set<String> seen = new LinkedHashSet<>();
        for (Name field : key.fields()) {
            if (!seen.add(field.text())) {
                error(field.span(), "`" + field + "` is in the key twice", null);
                ok = false;
            }
        }
        for (EventSchema type : read) {
            List<FieldSlot> parts = new ArrayList<>();
            for (Name field : key.fields()) {
                Optional<FieldSlot> slot = type.field(field.text());
                if (slot.isEmpty()) {
                    List<String> known = type.fields().stream().map(FieldSlot::name).toList();
                    String near = NearestName.of(field.text(), known);
                    error(field.span(), "key field `" + field + "` is not a field of `" + type.name() + "`, which this rule reads",
                            near != null ? "did you mean `" + near + "`?" : "every event type a rule reads must carry its key");
                    ok = false;
                } else {
                    parts.add(slot.get());
                }
            }
            slots.put(type, parts);
        }
        for (int i = 0; ok && i < key.fields().size(); i++) {
            Set<ValueType> types = new LinkedHashSet<>();
            for (List<FieldSlot> parts : slots.values()) {
                types.add(parts.get(i).type());
            }
            if (types.size() > 1) {
                error(key.fields().get(i).span(), "key field `" + key.fields().get(i) + "` has different types on the events this rule reads: "
                        + types.stream().map(t -> t.keyword).toList(), "declare it with one type everywhere");
                ok = false;
            }
        }
        return ok ? new KeySpec(key.fields().stream().map(Name::text).toList(), slots) : null;
    }

    private SkipStrategy skip(RuleDecl.Skip clause, Map<String, Variable> variables) {
        if (clause == null) {
            return new SkipStrategy(SkipStrategy.Kind.SKIP_PAST_LAST_EVENT, Optional.empty());
        }
        RuleDecl.SkipStrategy s = clause.strategy();
        if (s instanceof RuleDecl.NoSkip) {
            return SkipStrategy.NO_SKIP;
        }
        if (s instanceof RuleDecl.SkipToNext) {
            return new SkipStrategy(SkipStrategy.Kind.SKIP_TO_NEXT, Optional.empty());
        }
        if (s instanceof RuleDecl.SkipPastLast) {
            return new SkipStrategy(SkipStrategy.Kind.SKIP_PAST_LAST_EVENT, Optional.empty());
        }
        Name target = s instanceof RuleDecl.SkipToFirst f ? f.variable() : ((RuleDecl.SkipToLast) s).variable();
        Variable v = variables.get(target.text());
        if (v == null || v.absent() || v.group()) {
            List<String> names = variables.values().stream().filter(x -> !x.absent() && !x.group()).map(Variable::name).toList();
            error(target.span(), v == null ? "unknown variable `" + target + "`" : "cannot skip to `" + target
                    + "`: it matches no event of its own", NearestName.hint(target.text(), names, "the pattern's variables are"));
            return SkipStrategy.NO_SKIP;
        }
        SkipStrategy.Kind kind = s instanceof RuleDecl.SkipToFirst ? SkipStrategy.Kind.SKIP_TO_FIRST : SkipStrategy.Kind.SKIP_TO_LAST;
        return new SkipStrategy(kind, Optional.of(v));
    }

    String text(Expr e) {
        return SourceText.of(sourceText, e.span());
    }

    private void error(Span span, String message, String hint) {
        diagnostics.error(file, span, message, hint);
    }
}
