package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Name;
import dev.vigil.dsl.ast.Pattern;
import dev.vigil.dsl.ast.Span;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.program.Contiguity;
import dev.vigil.dsl.program.Evaluators;
import dev.vigil.dsl.program.Evaluators.BoolEval;
import dev.vigil.dsl.program.PatternNode;
import dev.vigil.dsl.program.Quantifier;
import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.schema.EventSchema;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a rule's pattern and compiles it to {@link PatternNode}s. First every variable is
 * declared (so that messages can say "matched after this step"), then the steps are compiled in
 * order, each condition seeing only the variables before it. The structural rules follow Flink
 * CEP's NFACompiler where Flink has one.
 */
final class PatternCompiler {
    private final String file;
    private final Diagnostics diagnostics;
    private final Map<String, EventSchema> events;
    private final ExprCompiler exprs;
    private final Map<String, Variable> declared = new LinkedHashMap<>();
    private final Map<String, Variable> visible = new LinkedHashMap<>();
    private final List<Variable> variables = new ArrayList<>();
    private boolean valid = true;

    PatternCompiler(String file, Diagnostics diagnostics, Map<String, EventSchema> events, ExprCompiler exprs) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.events = events;
        this.exprs = exprs;
    }

    /** The compiled pattern, or empty when it has errors (they are reported). */
    Optional<PatternNode.Sequence> compile(Pattern pattern, boolean timeBounded) {
        declare(pattern, false);
        if (!valid) {
            return Optional.empty();
        }
        PatternNode.Sequence compiled = sequence(pattern, true);
        checkWhole(pattern, timeBounded);
        return valid ? Optional.of(compiled) : Optional.empty();
    }

    Map<String, Variable> variables() {
        return declared;
    }

    List<Variable> variableList() {
        return List.copyOf(variables);
    }

    // ------------------------------------------------------------------ declaration pass

    private void declare(Pattern pattern, boolean insideLoop) {
        for (Pattern.Step step : pattern.steps()) {
            boolean absent = step.link().map(Pattern.Link::negated).orElse(false);
            Pattern.Term term = step.term();
            boolean loops = insideLoop || term.quantifier().map(Pattern.Quantifier::loops).orElse(false);
            if (term instanceof Pattern.Element e) {
                EventSchema type = events.get(e.type().text());
                if (type == null) {
                    error(e.type().span(), "unknown event type `" + e.type().text() + "`",
                            NearestName.hint(e.type().text(), events.keySet(), "declared event types are"));
                    continue;
                }
                add(e.variable(), type, loops, absent, false);
            } else {
                Pattern.Group g = (Pattern.Group) term;
                if (absent) {
                    error(g.span(), "only a single event can be absent, not a group",
                            "write `not then x: Type where ...`");
                }
                g.variable().ifPresent(n -> add(n, null, loops, false, true));
                declare(g.pattern(), loops);
            }
        }
    }

    private void add(Name name, EventSchema type, boolean looping, boolean absent, boolean group) {
        if (declared.containsKey(name.text())) {
            error(name.span(), "variable `" + name.text() + "` is declared twice in this pattern", "give each step its own name");
            return;
        }
        Variable v = new Variable(variables.size(), name.text(), type, looping, absent, group);
        declared.put(name.text(), v);
        variables.add(v);
    }

    // ------------------------------------------------------------------ compile pass

    private PatternNode.Sequence sequence(Pattern pattern, boolean top) {
        List<PatternNode.Step> steps = new ArrayList<>();
        List<Pattern.Step> source = pattern.steps();
        for (int i = 0; i < source.size(); i++) {
            Pattern.Step step = source.get(i);
            Pattern.Link link = step.link().orElse(null);
            Contiguity contiguity = link == null ? Contiguity.RELAXED : contiguity(link.contiguity());
            boolean absent = link != null && link.negated();
            long gap = 0;
            if (link != null && link.within().isPresent()) {
                Expr.DurationLit d = link.within().get();
                if (d.amount() <= 0) {
                    error(d.span(), "`within` must be positive", "for example `within 10m`");
                }
                gap = d.millis();
            }
            PatternNode node = term(step.term(), absent);
            if (node != null) {
                steps.add(new PatternNode.Step(contiguity, absent, gap, node));
            }
        }
        return new PatternNode.Sequence(steps);
    }

    private PatternNode term(Pattern.Term term, boolean absent) {
        Quantifier q = quantifier(term, absent);
        if (term instanceof Pattern.Element e) {
            Variable v = declared.get(e.variable().text());
            if (v == null || v.type() == null) {
                return null;
            }
            Scope scope = new Scope("where", v, Map.copyOf(visible), Map.copyOf(declared), false);
            BoolEval where = ctx -> true;
            if (e.where().isPresent()) {
                BoolEval w = exprs.condition(e.where().get(), scope);
                if (w == null) {
                    valid = false;
                } else {
                    where = Evaluators.condition(w);
                }
            }
            Optional<BoolEval> until = Optional.empty();
            if (e.until().isPresent()) {
                if (!q.loops()) {
                    error(e.until().get().span(), "`until` only applies to a step that repeats",
                            "add a quantifier such as `+` or `{2,}` to `" + v.name() + "`");
                } else {
                    BoolEval u = exprs.condition(e.until().get(), new Scope("until", v, Map.copyOf(visible),
                            Map.copyOf(declared), false));
                    if (u == null) {
                        valid = false;
                    } else {
                        until = Optional.of(Evaluators.condition(u));
                    }
                }
            }
            if (!v.absent()) {
                visible.put(v.name(), v);
            }
            return new PatternNode.Stage(v, v.type(), q, where, until);
        }
        Pattern.Group g = (Pattern.Group) term;
        Optional<Variable> v = g.variable().map(n -> declared.get(n.text()));
        PatternNode.Sequence body = sequence(g.pattern(), false);
        return new PatternNode.Group(v, body, q);
    }

    private Quantifier quantifier(Pattern.Term term, boolean absent) {
        Pattern.Quantifier q = term.quantifier().orElse(null);
        Set<Pattern.LoopOption.Kind> options = EnumSet.noneOf(Pattern.LoopOption.Kind.class);
        for (Pattern.LoopOption o : term.options()) {
            if (!options.add(o.kind())) {
                error(o.span(), "`" + o.kind().keyword + "` is given twice", null);
            }
        }
        if (absent && (q != null || !term.options().isEmpty())) {
            Span at = q != null ? q.span() : term.options().get(0).span();
            error(at, "an absent step cannot repeat or be optional",
                    "`not then x: T` already means: no such event at all");
            return Quantifier.ONCE;
        }
        int min = q == null ? 1 : q.min();
        int max = q == null ? 1 : q.max();
        if (q != null) {
            if (max == 0) {
                error(q.span(), "this quantifier matches nothing, so the step can never match", "use `?` for an optional step");
            } else if (max != Pattern.Quantifier.UNBOUNDED && min > max) {
                error(q.span(), "the smallest count (" + min + ") is larger than the largest (" + max + ")",
                        "write `{" + max + "," + min + "}`");
            }
        }
        boolean loops = max == Pattern.Quantifier.UNBOUNDED || max > 1;
        if (!loops && !term.options().isEmpty()) {
            Pattern.LoopOption o = term.options().get(0);
            error(o.span(), "`" + o.kind().keyword + "` only applies to a step that repeats",
                    "add a quantifier such as `+` or `{2,}`");
        }
        if (options.contains(Pattern.LoopOption.Kind.GREEDY) && options.contains(Pattern.LoopOption.Kind.RELUCTANT)) {
            error(term.options().get(1).span(), "a step is either `greedy` or `reluctant`, not both", null);
        }
        if (options.contains(Pattern.LoopOption.Kind.CONSECUTIVE) && options.contains(Pattern.LoopOption.Kind.COMBINATIONS)) {
            error(term.options().get(1).span(), "a step is either `consecutive` or `combinations`, not both", null);
        }
        Quantifier.Greed greed = options.contains(Pattern.LoopOption.Kind.GREEDY) ? Quantifier.Greed.GREEDY
                : options.contains(Pattern.LoopOption.Kind.RELUCTANT) ? Quantifier.Greed.RELUCTANT : Quantifier.Greed.DEFAULT;
        Contiguity inner = options.contains(Pattern.LoopOption.Kind.CONSECUTIVE) ? Contiguity.STRICT
                : options.contains(Pattern.LoopOption.Kind.COMBINATIONS) ? Contiguity.NON_DETERMINISTIC : Contiguity.RELAXED;
        return new Quantifier(min, max == Pattern.Quantifier.UNBOUNDED ? Quantifier.UNBOUNDED : max, greed, inner);
    }

    private static Contiguity contiguity(Pattern.Contiguity c) {
        return switch (c) {
            case STRICT -> Contiguity.STRICT;
            case RELAXED -> Contiguity.RELAXED;
            case NON_DETERMINISTIC -> Contiguity.NON_DETERMINISTIC;
        };
    }

    // ------------------------------------------------------------------ whole-pattern rules

    private void checkWhole(Pattern pattern, boolean timeBounded) {
        if (minimumEvents(pattern) == 0) {
            error(pattern.span(), "this pattern can match without any event, so it would fire on nothing",
                    "make at least one step required (drop a `?` or `*`)");
        }
        List<Pattern.Step> steps = pattern.steps();
        Pattern.Step last = steps.get(steps.size() - 1);
        Pattern.Link lastLink = last.link().orElse(null);
        if (lastLink != null && lastLink.negated() && lastLink.contiguity() == Pattern.Contiguity.RELAXED
                && lastLink.within().isEmpty() && !timeBounded) {
            error(lastLink.span(), "an absence at the end of a pattern needs a time limit",
                    "add `within 10m` to the rule (or `not then within 10m ...`): the rule fires when the time runs out");
        }
        if (last.term().options().stream().anyMatch(o -> o.kind() == Pattern.LoopOption.Kind.GREEDY)) {
            error(last.term().span(), "a greedy step cannot end a pattern: it would never know it is done",
                    "end with a single step, or make the last step reluctant");
        }
        for (Pattern.Step s : steps) {
            if (s.term() instanceof Pattern.Group g && minimumEvents(g.pattern()) == 0) {
                error(g.span(), "this group can match without any event", "make at least one step in it required");
            }
        }
    }

    /** The fewest events a match of this pattern contains; absences count none. */
    static int minimumEvents(Pattern pattern) {
        int total = 0;
        for (Pattern.Step s : pattern.steps()) {
            if (s.link().map(Pattern.Link::negated).orElse(false)) {
                continue;
            }
            int min = s.term().quantifier().map(Pattern.Quantifier::min).orElse(1);
            int inner = s.term() instanceof Pattern.Group g ? minimumEvents(g.pattern()) : 1;
            total += min * inner;
        }
        return total;
    }

    /** Whether any step can take an unbounded number of events. */
    static boolean hasUnboundedLoop(Pattern pattern) {
        for (Pattern.Step s : pattern.steps()) {
            if (s.term().quantifier().map(Pattern.Quantifier::unbounded).orElse(false)) {
                return true;
            }
            if (s.term() instanceof Pattern.Group g && hasUnboundedLoop(g.pattern())) {
                return true;
            }
        }
        return false;
    }

    private void error(Span span, String message, String hint) {
        valid = false;
        diagnostics.error(file, span, message, hint);
    }
}
