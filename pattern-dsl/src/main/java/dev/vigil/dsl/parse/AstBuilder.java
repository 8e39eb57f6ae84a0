package dev.vigil.dsl.parse;

import dev.vigil.dsl.ast.Comments;
import dev.vigil.dsl.ast.Decl;
import dev.vigil.dsl.ast.EventDecl;
import dev.vigil.dsl.ast.Expr;
import dev.vigil.dsl.ast.Name;
import dev.vigil.dsl.ast.Pattern;
import dev.vigil.dsl.ast.RuleDecl;
import dev.vigil.dsl.ast.Span;
import dev.vigil.dsl.ast.TestDecl;
import dev.vigil.dsl.ast.VglFile;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.grammar.VigilLexer;
import dev.vigil.dsl.grammar.VigilParser.*;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds the immutable AST from a parse tree that has no syntax errors. Literal values are
 * converted here (numbers that do not fit are reported), comments are attached to the nearest
 * declaration, clause, pattern step or test line so that the formatter can keep them.
 */
final class AstBuilder {
    private final String file;
    private final BufferedTokenStream tokens;
    private final Diagnostics diagnostics;
    /** Comment tokens already attached to a node: each comment is kept once. */
    private final java.util.Set<Integer> claimed = new java.util.HashSet<>();

    AstBuilder(String file, BufferedTokenStream tokens, Diagnostics diagnostics) {
        this.file = file;
        this.tokens = tokens;
        this.diagnostics = diagnostics;
    }

    VglFile file(FileContext ctx) {
        List<VglFile.Import> imports = new ArrayList<>();
        for (ImportDeclContext i : ctx.importDecl()) {
            imports.add(new VglFile.Import(string(i.STRING().getSymbol()), span(i), comments(i)));
        }
        List<Decl> decls = new ArrayList<>();
        for (TopDeclContext d : ctx.topDecl()) {
            if (d.eventDecl() != null) {
                decls.add(event(d.eventDecl()));
            } else if (d.ruleDecl() != null) {
                decls.add(rule(d.ruleDecl()));
            } else {
                decls.add(test(d.testDecl()));
            }
        }
        return new VglFile(file, imports, decls, leadingComments(ctx.EOF().getSymbol()));
    }

    // ------------------------------------------------------------------ events

    private EventDecl event(EventDeclContext ctx) {
        List<EventDecl.Clause> clauses = new ArrayList<>();
        for (EventClauseContext c : ctx.eventClause()) {
            clauses.add(eventClause(c));
        }
        clauses.sort(java.util.Comparator.comparingInt(EventDecl::canonicalOrder));
        return new EventDecl(name(ctx.name()), clauses, blockComments(ctx, ctx.LBRACE().getSymbol()),
                leadingComments(ctx.RBRACE().getSymbol()), span(ctx));
    }

    private EventDecl.Clause eventClause(EventClauseContext c) {
        Span s = span(c);
        Comments cm = comments(c);
        if (c instanceof EventSourceContext src) {
            return new EventDecl.Source(string(src.STRING(0).getSymbol()),
                    Optional.ofNullable(src.discField).map(this::name),
                    Optional.ofNullable(src.discValue).map(this::string), s, cm);
        }
        if (c instanceof EventIdContext id) {
            return new EventDecl.IdField(name(id.name()), s, cm);
        }
        if (c instanceof EventTimeContext t) {
            return new EventDecl.TimeField(name(t.name()), s, cm);
        }
        if (c instanceof EventOutOfOrderContext o) {
            return new EventDecl.OutOfOrder(duration(o.duration()), s, cm);
        }
        if (c instanceof EventLatenessContext l) {
            return new EventDecl.Lateness(duration(l.duration()), s, cm);
        }
        FieldDeclContext f = (FieldDeclContext) c;
        return new EventDecl.Field(name(f.name(0)), name(f.typeName),
                Optional.ofNullable(f.literal()).map(this::literal), s, cm);
    }

    // ------------------------------------------------------------------ rules

    private RuleDecl rule(RuleDeclContext ctx) {
        List<RuleDecl.Clause> clauses = new ArrayList<>();
        for (RuleClauseContext c : ctx.ruleClause()) {
            clauses.add(ruleClause(c));
        }
        clauses.sort(java.util.Comparator.comparingInt(RuleDecl::canonicalOrder));
        return new RuleDecl(name(ctx.name()), clauses, blockComments(ctx, ctx.LBRACE().getSymbol()),
                leadingComments(ctx.RBRACE().getSymbol()), span(ctx));
    }

    private RuleDecl.Clause ruleClause(RuleClauseContext c) {
        Span s = span(c);
        if (c instanceof MatchClauseContext m) {
            // Steps first: a comment at the end of the first step's line belongs to the step.
            Pattern pattern = pattern(m.pattern());
            return new RuleDecl.Match(pattern, s, comments(c));
        }
        Comments cm = comments(c);
        if (c instanceof TitleClauseContext t) {
            return new RuleDecl.Title(string(t.STRING().getSymbol()), s, cm);
        }
        if (c instanceof SeverityClauseContext sv) {
            return new RuleDecl.Severity(name(sv.name()), s, cm);
        }
        if (c instanceof QueueClauseContext q) {
            return new RuleDecl.Queue(string(q.STRING().getSymbol()), s, cm);
        }
        if (c instanceof KeyClauseContext k) {
            return new RuleDecl.Key(k.name().stream().map(this::name).toList(), s, cm);
        }
        if (c instanceof VersionClauseContext v) {
            return new RuleDecl.Version(integer(v.INT().getSymbol()), s, cm);
        }
        if (c instanceof MaxPartialsClauseContext m) {
            return new RuleDecl.MaxPartials(integer(m.INT().getSymbol()), s, cm);
        }
        if (c instanceof WithinClauseContext w) {
            return new RuleDecl.Within(duration(w.duration()), s, cm);
        }
        if (c instanceof SkipClauseContext sk) {
            return new RuleDecl.Skip(skip(sk.skipStrategy()), s, cm);
        }
        if (c instanceof WhenClauseContext w) {
            return new RuleDecl.When(expr(w.expr()), s, cm);
        }
        if (c instanceof ScoreClauseContext sc) {
            return new RuleDecl.Score(string(sc.STRING().getSymbol()), namedExprs(sc.namedExprs()), s, cm);
        }
        AlertClauseContext a = (AlertClauseContext) c;
        return new RuleDecl.Alert(Optional.ofNullable(a.expr()).map(this::expr), namedExprs(a.namedExprs()), s, cm);
    }

    private List<RuleDecl.NamedExpr> namedExprs(NamedExprsContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        return ctx.namedExpr().stream().map(n -> new RuleDecl.NamedExpr(name(n.name()), expr(n.expr()))).toList();
    }

    private RuleDecl.SkipStrategy skip(SkipStrategyContext ctx) {
        if (ctx instanceof SkipNoneContext) {
            return new RuleDecl.NoSkip();
        }
        if (ctx instanceof SkipToNextContext) {
            return new RuleDecl.SkipToNext();
        }
        if (ctx instanceof SkipPastLastContext) {
            return new RuleDecl.SkipPastLast();
        }
        if (ctx instanceof SkipToFirstContext f) {
            return new RuleDecl.SkipToFirst(name(f.name()));
        }
        return new RuleDecl.SkipToLast(name(((SkipToLastContext) ctx).name()));
    }

    // ------------------------------------------------------------------ patterns

    private Pattern pattern(PatternContext ctx) {
        List<Pattern.Step> steps = new ArrayList<>();
        List<PatternTermContext> terms = ctx.patternTerm();
        for (int i = 0; i < terms.size(); i++) {
            PatternTermContext term = terms.get(i);
            if (i == 0) {
                steps.add(new Pattern.Step(Optional.empty(), term(term), comments(term)));
            } else {
                LinkContext link = ctx.link(i - 1);
                steps.add(new Pattern.Step(Optional.of(link(link)), term(term), comments(link)));
            }
        }
        return new Pattern(steps, span(ctx));
    }

    private Pattern.Link link(LinkContext ctx) {
        Pattern.Contiguity contiguity = ctx.NEXT() != null ? Pattern.Contiguity.STRICT
                : ctx.ANY() != null ? Pattern.Contiguity.NON_DETERMINISTIC : Pattern.Contiguity.RELAXED;
        return new Pattern.Link(contiguity, ctx.NOT() != null,
                Optional.ofNullable(ctx.duration()).map(this::duration), span(ctx));
    }

    private Pattern.Term term(PatternTermContext ctx) {
        if (ctx instanceof ElementTermContext e) {
            List<ExprContext> exprs = e.expr();
            Optional<Expr> where = e.WHERE() != null ? Optional.of(expr(exprs.get(0))) : Optional.empty();
            Optional<Expr> until = e.UNTIL() != null ? Optional.of(expr(exprs.get(exprs.size() - 1)))
                    : Optional.empty();
            return new Pattern.Element(name(e.var), name(e.type), quantifier(e.quantifier()),
                    options(e.loopOption()), where, until, span(ctx));
        }
        GroupTermContext g = (GroupTermContext) ctx;
        return new Pattern.Group(Optional.ofNullable(g.var).map(this::name), pattern(g.pattern()),
                quantifier(g.quantifier()), options(g.loopOption()), span(ctx));
    }

    private Optional<Pattern.Quantifier> quantifier(QuantifierContext ctx) {
        if (ctx == null) {
            return Optional.empty();
        }
        Span s = span(ctx);
        int unbounded = Pattern.Quantifier.UNBOUNDED;
        if (ctx instanceof ExactlyContext e) {
            int n = smallInt(e.INT().getSymbol());
            return Optional.of(new Pattern.Quantifier(n, n, s));
        }
        if (ctx instanceof RangeContext r) {
            int min = smallInt(r.INT(0).getSymbol());
            int max = r.INT().size() > 1 ? smallInt(r.INT(1).getSymbol()) : unbounded;
            return Optional.of(new Pattern.Quantifier(min, max, s));
        }
        if (ctx instanceof OneOrMoreContext) {
            return Optional.of(new Pattern.Quantifier(1, unbounded, s));
        }
        if (ctx instanceof ZeroOrMoreContext) {
            return Optional.of(new Pattern.Quantifier(0, unbounded, s));
        }
        return Optional.of(new Pattern.Quantifier(0, 1, s));
    }

    private List<Pattern.LoopOption> options(List<LoopOptionContext> ctxs) {
        List<Pattern.LoopOption> out = new ArrayList<>();
        for (LoopOptionContext o : ctxs) {
            Pattern.LoopOption.Kind kind = switch (o.start.getType()) {
                case VigilLexer.GREEDY -> Pattern.LoopOption.Kind.GREEDY;
                case VigilLexer.RELUCTANT -> Pattern.LoopOption.Kind.RELUCTANT;
                case VigilLexer.CONSECUTIVE -> Pattern.LoopOption.Kind.CONSECUTIVE;
                default -> Pattern.LoopOption.Kind.COMBINATIONS;
            };
            out.add(new Pattern.LoopOption(kind, span(o)));
        }
        return out;
    }

    // ------------------------------------------------------------------ expressions

    Expr expr(ExprContext ctx) {
        Span s = span(ctx);
        if (ctx instanceof AtomExprContext a) {
            return primary(a.primary());
        }
        if (ctx instanceof NegateExprContext n) {
            Expr operand = expr(n.expr());
            // Fold `-5` into a literal so that printing and parsing agree on one form.
            if (operand instanceof Expr.IntLit i) {
                return new Expr.IntLit(-i.value(), s);
            }
            if (operand instanceof Expr.DecimalLit d) {
                return new Expr.DecimalLit(d.value().negate(), s);
            }
            return new Expr.Negate(operand, s);
        }
        if (ctx instanceof MulExprContext m) {
            Expr.BinaryOp op = switch (m.op.getType()) {
                case VigilLexer.STAR -> Expr.BinaryOp.MUL;
                case VigilLexer.SLASH -> Expr.BinaryOp.DIV;
                default -> Expr.BinaryOp.MOD;
            };
            return new Expr.Binary(op, expr(m.expr(0)), expr(m.expr(1)), s);
        }
        if (ctx instanceof AddExprContext a) {
            Expr.BinaryOp op = a.op.getType() == VigilLexer.PLUS ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB;
            return new Expr.Binary(op, expr(a.expr(0)), expr(a.expr(1)), s);
        }
        if (ctx instanceof CompareExprContext c) {
            Expr.BinaryOp op = switch (c.op.getType()) {
                case VigilLexer.EQ -> Expr.BinaryOp.EQ;
                case VigilLexer.NEQ -> Expr.BinaryOp.NE;
                case VigilLexer.LT -> Expr.BinaryOp.LT;
                case VigilLexer.LE -> Expr.BinaryOp.LE;
                case VigilLexer.GT -> Expr.BinaryOp.GT;
                default -> Expr.BinaryOp.GE;
            };
            return new Expr.Binary(op, expr(c.expr(0)), expr(c.expr(1)), s);
        }
        if (ctx instanceof InExprContext in) {
            Expr value = expr(in.expr(0));
            if (in.historyRef() != null) {
                HistoryRefContext h = in.historyRef();
                return new Expr.InHistory(value, in.NOT() != null, name(h.name(0)), name(h.name(1)),
                        duration(h.duration()), s);
            }
            List<Expr> candidates = in.expr().subList(1, in.expr().size()).stream().map(this::expr).toList();
            return new Expr.In(value, in.NOT() != null, candidates, s);
        }
        if (ctx instanceof MatchesExprContext m) {
            Token str = m.STRING().getSymbol();
            return new Expr.Matches(expr(m.expr()), m.NOT() != null, new Expr.StringLit(string(str), span(str)), s);
        }
        if (ctx instanceof NotExprContext n) {
            return new Expr.Not(expr(n.expr()), s);
        }
        if (ctx instanceof AndExprContext a) {
            return new Expr.Binary(Expr.BinaryOp.AND, expr(a.expr(0)), expr(a.expr(1)), s);
        }
        OrExprContext o = (OrExprContext) ctx;
        return new Expr.Binary(Expr.BinaryOp.OR, expr(o.expr(0)), expr(o.expr(1)), s);
    }

    private Expr primary(PrimaryContext ctx) {
        Span s = span(ctx);
        if (ctx instanceof LiteralPrimaryContext l) {
            return literal(l.literal());
        }
        if (ctx instanceof WindowPrimaryContext w) {
            return new Expr.Window(name(w.fn), name(w.source), Optional.ofNullable(w.field).map(this::name),
                    duration(w.duration()), s);
        }
        if (ctx instanceof SeenPrimaryContext seen) {
            return new Expr.Seen(name(seen.fn), expr(seen.value), name(seen.source), name(seen.field),
                    duration(seen.duration()), s);
        }
        if (ctx instanceof CallPrimaryContext c) {
            return new Expr.Call(name(c.fn), c.expr().stream().map(this::expr).toList(), s);
        }
        if (ctx instanceof PathPrimaryContext p) {
            List<Expr.Step> steps = new ArrayList<>();
            for (PathStepContext step : p.pathStep()) {
                if (step.name() != null) {
                    steps.add(new Expr.FieldStep(name(step.name())));
                } else {
                    steps.add(new Expr.IndexStep(smallInt(step.INT().getSymbol()), span(step)));
                }
            }
            return new Expr.Path(name(p.name()), steps, s);
        }
        return expr(((ParenPrimaryContext) ctx).expr());
    }

    Expr.Literal literal(LiteralContext ctx) {
        Span s = span(ctx);
        boolean negative = ctx.MINUS() != null;
        if (ctx.INT() != null) {
            long v = integer(ctx.INT().getSymbol());
            return new Expr.IntLit(negative ? -v : v, s);
        }
        if (ctx.DECIMAL() != null) {
            BigDecimal v = new BigDecimal(ctx.DECIMAL().getText());
            return new Expr.DecimalLit(negative ? v.negate() : v, s);
        }
        if (ctx.STRING() != null) {
            return new Expr.StringLit(string(ctx.STRING().getSymbol()), s);
        }
        if (ctx.TRUE() != null || ctx.FALSE() != null) {
            return new Expr.BoolLit(ctx.TRUE() != null, s);
        }
        return duration(ctx.duration());
    }

    private Expr.DurationLit duration(DurationContext ctx) {
        String text = ctx.getText();
        int unitStart = 0;
        while (unitStart < text.length() && Character.isDigit(text.charAt(unitStart))) {
            unitStart++;
        }
        long amount = parseLong(text.substring(0, unitStart), span(ctx));
        return new Expr.DurationLit(amount, Expr.TimeUnit.ofSuffix(text.substring(unitStart)), span(ctx));
    }

    // ------------------------------------------------------------------ tests

    private TestDecl test(TestDeclContext ctx) {
        List<TestDecl.Statement> statements = new ArrayList<>();
        for (TestStmtContext st : ctx.testStmt()) {
            Span s = span(st);
            Comments cm = comments(st);
            if (st instanceof TestEventContext e) {
                statements.add(new TestDecl.EventLine(name(e.type), fieldValues(e.fieldValues()), s, cm));
            } else if (st instanceof ExpectAlertContext a) {
                statements.add(new TestDecl.ExpectAlert(Optional.ofNullable(a.ruleName).map(this::name),
                        fieldValues(a.fieldValues()), s, cm));
            } else {
                statements.add(new TestDecl.ExpectNoAlert(s, cm));
            }
        }
        return new TestDecl(name(ctx.ruleName), string(ctx.STRING().getSymbol()), statements,
                blockComments(ctx, ctx.LBRACE().getSymbol()), leadingComments(ctx.RBRACE().getSymbol()), span(ctx));
    }

    private List<TestDecl.FieldValue> fieldValues(FieldValuesContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        return ctx.fieldValue().stream().map(f -> new TestDecl.FieldValue(name(f.name()), literal(f.literal()))).toList();
    }

    // ------------------------------------------------------------------ tokens, spans, comments

    private Name name(NameContext ctx) {
        return new Name(ctx.getText(), span(ctx));
    }

    private Span span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null || ctx.getStop().getTokenIndex() < start.getTokenIndex() ? start : ctx.getStop();
        return new Span(start.getLine(), start.getCharPositionInLine() + 1, start.getStartIndex(),
                stop.getStopIndex() + 1);
    }

    private static Span span(Token t) {
        return new Span(t.getLine(), t.getCharPositionInLine() + 1, t.getStartIndex(), t.getStopIndex() + 1);
    }

    private long integer(Token t) {
        return parseLong(t.getText(), span(t));
    }

    private long parseLong(String digits, Span span) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            diagnostics.error(file, span, "number `" + digits + "` is too large", "the largest whole number is "
                    + Long.MAX_VALUE);
            return 0;
        }
    }

    private int smallInt(Token t) {
        long v = integer(t);
        if (v > 100_000) {
            diagnostics.error(file, span(t), "`" + t.getText() + "` is too large here",
                    "counts in patterns go up to 100000");
            return 0;
        }
        return (int) v;
    }

    /** Unescapes {@code \"}, {@code \\}, {@code \n} and {@code \t}; any other backslash stays as written. */
    private String string(Token t) {
        String raw = t.getText();
        String body = raw.substring(1, raw.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(i + 1);
                switch (n) {
                    case '"' -> { out.append('"'); i++; }
                    case '\\' -> { out.append('\\'); i++; }
                    case 'n' -> { out.append('\n'); i++; }
                    case 't' -> { out.append('\t'); i++; }
                    default -> out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Comments comments(ParserRuleContext ctx) {
        return new Comments(leadingComments(ctx.getStart()), trailingComment(lastTokenOnFirstLine(ctx)));
    }

    /** Declarations keep the comment written after their opening brace as their trailing comment. */
    private Comments blockComments(ParserRuleContext ctx, Token openBrace) {
        return new Comments(leadingComments(ctx.getStart()), trailingComment(openBrace));
    }

    /** The last token of a node that sits on the node's first line (a clause may span lines). */
    private Token lastTokenOnFirstLine(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null ? start : ctx.getStop();
        Token last = start;
        for (int i = start.getTokenIndex(); i <= stop.getTokenIndex(); i++) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getLine() == start.getLine()) {
                last = t;
            }
        }
        // Only a node that ends on its first line owns the comment after it.
        return stop.getLine() == start.getLine() ? last : null;
    }

    /** Full-line comments directly above a token (a comment ending the previous line is not one). */
    private List<String> leadingComments(Token token) {
        List<Token> hidden = tokens.getHiddenTokensToLeft(token.getTokenIndex(), Token.HIDDEN_CHANNEL);
        if (hidden == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int lastLine = -1;
        for (Token h : hidden) {
            if (h.getType() == VigilLexer.LINE_COMMENT && !endsLineOfCode(h)) {
                // A blank line between two comment paragraphs is kept as an empty entry.
                if (lastLine > 0 && h.getLine() > lastLine + 1) {
                    out.add("");
                }
                out.add(h.getText());
                lastLine = h.getLine();
            }
        }
        if (lastLine > 0 && token.getLine() > lastLine + 1) {
            out.add("");
        }
        return out;
    }

    private String trailingComment(Token token) {
        if (token == null) {
            return null;
        }
        List<Token> hidden = tokens.getHiddenTokensToRight(token.getTokenIndex(), Token.HIDDEN_CHANNEL);
        if (hidden != null) {
            for (Token h : hidden) {
                if (h.getType() == VigilLexer.LINE_COMMENT && h.getLine() == token.getLine()
                        && claimed.add(h.getTokenIndex())) {
                    return h.getText();
                }
            }
        }
        return null;
    }

    private boolean endsLineOfCode(Token comment) {
        for (int i = comment.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t.getLine() == comment.getLine();
            }
        }
        return false;
    }

    static List<Token> comments(BufferedTokenStream tokens) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens.getTokens()) {
            if (t.getType() == VigilLexer.LINE_COMMENT) {
                out.add(t);
            }
        }
        return out;
    }
}
