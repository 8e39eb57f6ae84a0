package dev.vigil.app;

import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.diag.Diagnostic;
import dev.vigil.dsl.diag.DiagnosticPrinter;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.diag.SourceFile;
import dev.vigil.dsl.format.AstEquivalence;
import dev.vigil.dsl.format.Formatter;
import dev.vigil.dsl.parse.VglParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil fmt PATH...}: prints or rewrites pattern files in the canonical layout. Before it
 * writes anything it checks that the new text parses to the same program and keeps every comment.
 */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = "Print pattern files in canonical layout, or rewrite them with --write.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (with --check: every file is formatted)", "1:a file has errors (with --check: or is not formatted)",
                "2:bad usage"})
final class FmtCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Pattern files (*.vgl) or folders of them.")
    List<Path> paths;

    @Option(names = {"-w", "--write"}, description = "Rewrite the files in place instead of printing them.")
    boolean write;

    @Option(names = "--check", description = "Change nothing; list the files that are not formatted and exit 1 if any.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(VigilCompiler.expand(p));
        }
        boolean failed = false;
        for (String file : files) {
            Optional<String> formatted = formatOne(file, out);
            if (formatted.isEmpty()) {
                failed = true;
                continue;
            }
            String original = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            if (check) {
                if (!original.equals(formatted.get())) {
                    out.println(file);
                    failed = true;
                }
            } else if (write) {
                if (!original.equals(formatted.get())) {
                    Files.writeString(Path.of(file), formatted.get(), StandardCharsets.UTF_8);
                }
            } else {
                if (files.size() > 1) {
                    out.println("==> " + file + " <==");
                }
                out.print(formatted.get());
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }

    /** The formatted text, or empty (after printing why) when the file cannot be formatted safely. */
    private Optional<String> formatOne(String file, PrintWriter out) {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println(file + ": error: cannot read: " + e.getMessage());
            return Optional.empty();
        }
        Diagnostics diagnostics = new Diagnostics();
        Optional<VglParser.Parsed> parsed = VglParser.parse(file, text, diagnostics);
        if (parsed.isEmpty()) {
            DiagnosticPrinter printer = new DiagnosticPrinter(Map.of(file, new SourceFile(file, text)));
            for (Diagnostic d : diagnostics.sorted()) {
                out.println(printer.render(d));
            }
            return Optional.empty();
        }
        Formatter.Result result = Formatter.format(parsed.get().file());
        if (result.commentCount() != parsed.get().commentCount()) {
            out.println(file + ": error: formatting would drop " + (parsed.get().commentCount() - result.commentCount())
                    + " comment(s) written inside an expression or after a closing brace; move them onto their own line"
                    + " above a clause");
            return Optional.empty();
        }
        Optional<VglParser.Parsed> again = VglParser.parse(file, result.text(), new Diagnostics());
        String difference = again.isEmpty() ? "(does not parse)"
                : AstEquivalence.difference(parsed.get().file(), again.get().file(), "");
        if (difference != null) {
            out.println(file + ": error: internal formatter error, the layout would change the meaning at " + difference
                    + "; the file was left as it is");
            return Optional.empty();
        }
        return Optional.of(result.text());
    }
}
