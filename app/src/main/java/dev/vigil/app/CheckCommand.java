package dev.vigil.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.diag.Diagnostic;
import dev.vigil.dsl.diag.DiagnosticPrinter;
import dev.vigil.dsl.program.RuleProgram;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil check PATH...}: compiles rule files and folders and reports every error. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile pattern files and folders of them; print every error with file:line:column and a hint.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file compiles", "1:at least one error", "2:bad usage"})
final class CheckCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Pattern files (*.vgl) or folders of them.")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Compilation c = VigilCompiler.compilePaths(paths);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json(c));
        } else {
            DiagnosticPrinter printer = new DiagnosticPrinter(c.sources());
            for (Diagnostic d : c.diagnostics()) {
                out.println(printer.render(d));
            }
            out.println(summary(c));
        }
        out.flush();
        return c.ok() ? 0 : 1;
    }

    static String summary(Compilation c) {
        if (!c.ok()) {
            int n = c.diagnostics().size();
            return n + (n == 1 ? " error" : " errors") + " in " + c.sources().size() + " file(s); no rule was accepted";
        }
        return "ok: " + c.sources().size() + " file(s), " + c.events().size() + " event type(s), " + c.rules().size()
                + " rule(s), " + c.tests().size() + " test(s)";
    }

    private static String json(Compilation c) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", c.ok());
        doc.put("files", c.sources().keySet().stream().sorted().toList());
        doc.put("rules", c.rules().stream().map(RuleProgram::name).toList());
        doc.put("errors", c.diagnostics().stream().map(d -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", d.file());
            e.put("line", d.line());
            e.put("column", d.column());
            e.put("length", d.length());
            e.put("message", d.message());
            e.put("hint", d.hint());
            return e;
        }).toList());
        return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }
}
