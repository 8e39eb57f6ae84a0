package dev.vigil.dsl.parse;

import dev.vigil.dsl.ast.VglFile;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.grammar.VigilLexer;
import dev.vigil.dsl.grammar.VigilParser;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses the text of one pattern file into an AST. Syntax errors are reported to the given
 * diagnostics in Vigil's own words; a file with syntax errors yields no AST.
 */
public final class VglParser {
    private VglParser() {}

    /** The AST of a file together with how many comments its text holds (the formatter checks it kept them all). */
    public record Parsed(VglFile file, int commentCount) {}

    public static Optional<Parsed> parse(String path, String text, Diagnostics diagnostics) {
        VigilLexer lexer = new VigilLexer(CharStreams.fromString(text, path));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        VigilParser parser = new VigilParser(tokens);
        parser.removeErrorListeners();
        // Fast path: SLL prediction, bail at the first error; only a failing file pays for full LL.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        VigilParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            SyntaxErrorListener listener = new SyntaxErrorListener(path, diagnostics);
            parser.addErrorListener(listener);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            tree = parser.file();
            if (listener.failed()) {
                return Optional.empty();
            }
        }
        int before = diagnostics.count();
        VglFile file = new AstBuilder(path, tokens, diagnostics).file(tree);
        if (diagnostics.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(file, AstBuilder.comments(tokens).size()));
    }
}
