package dev.vigil.dsl.parse;

import dev.vigil.dsl.ast.Span;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.grammar.VigilLexer;
import dev.vigil.dsl.grammar.VigilParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into Vigil diagnostics: the offending token named as written, what
 * could come instead in words an analyst knows, and a hint for the usual slips from SQL, Java or
 * Python. ANTLR's raw messages are never shown.
 */
final class SyntaxErrorListener extends BaseErrorListener {
    private static final int MAX_EXPECTED_SHOWN = 8;

    private final String file;
    private final Diagnostics diagnostics;
    private final Set<Integer> reportedLines = new java.util.HashSet<>();
    private boolean failed;

    SyntaxErrorListener(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    boolean failed() {
        return failed;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int charPositionInLine,
                            String antlrMessage, RecognitionException e) {
        failed = true;
        if (!(offending instanceof Token token) || !(recognizer instanceof Parser parser)) {
            return; // the lexer never fails: UNKNOWN_CHAR and UNTERMINATED_STRING catch everything
        }
        // One report per line: what ANTLR's recovery finds after the first error on a line is
        // almost always a consequence of it.
        if (!reportedLines.add(line)) {
            return;
        }
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens()
                : parser.getExpectedTokens();
        Span span = spanOf(token, line, charPositionInLine);
        String shown = describe(token);
        String expectation = describeExpected(expected, parser.getVocabulary());
        Token previous = previousToken(parser, token);
        String message;
        String hint = hintFor(token, expected, previous);
        if (token.getType() == VigilLexer.UNTERMINATED_STRING) {
            message = "unterminated string";
        } else if (token.getType() == VigilLexer.UNKNOWN_CHAR) {
            message = "unexpected character " + shown;
        } else if (isSlip(token)) {
            message = shown + " is not an operator in Vigil";
        } else if (token.getType() == VigilLexer.NOT && previous != null
                && (previous.getType() == VigilLexer.MATCH || previous.getType() == VigilLexer.LPAREN)) {
            message = "a pattern cannot start with `not`";
            hint = "an absence needs an event before it, as in `a: Txn not then b: Login`";
        } else if (antlrMessage.startsWith("missing ")) {
            message = "missing " + expectation + " before " + shown;
        } else if (token.getType() == Token.EOF && expected.contains(VigilLexer.RBRACE)) {
            message = "the file ends before a closing `}`";
        } else if (token.getType() == Token.EOF) {
            message = "unexpected end of file; expected " + expectation;
        } else {
            message = "unexpected " + shown + "; expected " + expectation;
        }
        diagnostics.error(file, span, message, hint);
    }

    private static Span spanOf(Token token, int line, int charPositionInLine) {
        int start = token.getStartIndex();
        int end = token.getType() == Token.EOF ? start + 1 : token.getStopIndex() + 1;
        return new Span(line, charPositionInLine + 1, start, Math.max(start + 1, end));
    }

    private static String describe(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        String text = token.getText();
        if (text.length() > 30) {
            text = text.substring(0, 27) + "...";
        }
        return "`" + text + "`";
    }

    private static String describeExpected(IntervalSet expected, Vocabulary vocabulary) {
        Set<String> words = new LinkedHashSet<>();
        boolean name = expected.contains(VigilLexer.IDENT);
        for (int type : expected.toArray()) {
            if (name && isSoftKeyword(type)) {
                continue;
            }
            words.add(wordFor(type, vocabulary));
        }
        List<String> list = new ArrayList<>(words);
        if (list.isEmpty()) {
            return "something else";
        }
        if (list.size() > MAX_EXPECTED_SHOWN) {
            return String.join(", ", list.subList(0, MAX_EXPECTED_SHOWN)) + ", ...";
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return "one of " + String.join(", ", list);
    }

    private static boolean isSoftKeyword(int type) {
        return type != VigilLexer.IDENT && SoftKeywords.TYPES.contains(type);
    }

    private static String wordFor(int type, Vocabulary vocabulary) {
        switch (type) {
            case Token.EOF: return "end of file";
            case VigilLexer.IDENT: return "a name";
            case VigilLexer.INT: return "a whole number";
            case VigilLexer.DECIMAL: return "a decimal number";
            case VigilLexer.STRING: return "a string in double quotes";
            case VigilLexer.DURATION: return "a duration such as 10m";
            default:
                String literal = vocabulary.getLiteralName(type);
                return literal == null ? vocabulary.getDisplayName(type).toLowerCase()
                        : "`" + literal.substring(1, literal.length() - 1) + "`";
        }
    }

    private static boolean isSlip(Token token) {
        int t = token.getType();
        return t == VigilLexer.DOUBLE_EQ || t == VigilLexer.AMPAMP || t == VigilLexer.PIPEPIPE || t == VigilLexer.BANG
                || t == VigilLexer.DIAMOND;
    }

    private static Token previousToken(Parser parser, Token token) {
        for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
            Token t = parser.getTokenStream().get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return null;
    }

    private static String hintFor(Token token, IntervalSet expected, Token previous) {
        if (previous != null && previous.getType() == VigilLexer.COLON && expected.contains(VigilLexer.IDENT)
                && token.getType() != VigilLexer.IDENT) {
            return "a name is missing after `:`, as in `a: Txn` or `amount: decimal`";
        }
        switch (token.getType()) {
            case VigilLexer.DOUBLE_EQ: return "write `=` to compare for equality";
            case VigilLexer.AMPAMP: return "write `and`";
            case VigilLexer.PIPEPIPE: return "write `or`";
            case VigilLexer.BANG: return "write `not`, or `!=` for 'not equal'";
            case VigilLexer.DIAMOND: return "write `!=` for 'not equal'";
            case VigilLexer.UNTERMINATED_STRING: return "close the string with `\"` on the same line";
            case VigilLexer.INT:
                if (expected.contains(VigilLexer.DURATION)) {
                    return "a duration needs a unit: ms, s, m, h, d or w (for example `" + token.getText() + "m`)";
                }
                break;
            case VigilLexer.UNKNOWN_CHAR:
                String c = token.getText();
                if (c.equals("#") || c.equals("/")) {
                    return "comments start with `--`";
                }
                if (c.equals(";")) {
                    return "clauses end at the end of the line; remove the `;`";
                }
                if (c.equals("'")) {
                    return "strings are written in double quotes";
                }
                break;
            case Token.EOF:
                if (expected.contains(VigilLexer.RBRACE)) {
                    return "close the declaration that is still open with `}`";
                }
                break;
            default:
                if (SoftKeywords.TYPES.contains(token.getType()) || isReserved(token)) {
                    if (expected.contains(VigilLexer.IDENT)) {
                        return "`" + token.getText() + "` is a keyword here; choose another name";
                    }
                }
        }
        boolean declarationStart = token.getType() == VigilLexer.RULE || token.getType() == VigilLexer.EVENT
                || token.getType() == VigilLexer.TEST;
        if (declarationStart && expected.contains(VigilLexer.RBRACE)) {
            return "is a closing `}` missing above?";
        }
        return null;
    }

    private static boolean isReserved(Token token) {
        int t = token.getType();
        return t == VigilLexer.WHERE || t == VigilLexer.WITHIN || t == VigilLexer.WHEN || t == VigilLexer.THEN
                || t == VigilLexer.NEXT || t == VigilLexer.AND || t == VigilLexer.OR || t == VigilLexer.NOT
                || t == VigilLexer.IN || t == VigilLexer.UNTIL || t == VigilLexer.IF;
    }

    /** The keywords that rule {@code name} of the grammar also accepts as names. */
    static final class SoftKeywords {
        static final Set<Integer> TYPES = collect();

        private static Set<Integer> collect() {
            Set<Integer> types = new java.util.HashSet<>();
            org.antlr.v4.runtime.atn.ATN atn = VigilParser._ATN;
            int start = atn.ruleToStartState[VigilParser.RULE_name].stateNumber;
            IntervalSet first = atn.nextTokens(atn.states.get(start));
            for (int t : first.toArray()) {
                types.add(t);
            }
            return Set.copyOf(types);
        }

        private SoftKeywords() {}
    }
}
