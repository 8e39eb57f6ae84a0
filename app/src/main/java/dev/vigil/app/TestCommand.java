package dev.vigil.app;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.diag.Diagnostic;
import dev.vigil.dsl.diag.DiagnosticPrinter;
import dev.vigil.dsl.program.RuleTest;
import dev.vigil.engine.nfa.Match;
import dev.vigil.engine.testing.RuleTestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vigil test PATH...}: runs the rule tests written in rule files. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the rule tests in pattern files: events in, expected alerts out.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every test passed", "1:a test failed or a file has errors", "2:bad usage"})
final class TestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Pattern files (*.vgl) or folders of them.")
    List<Path> paths;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Compilation c = VigilCompiler.compilePaths(paths);
        if (!c.ok()) {
            DiagnosticPrinter printer = new DiagnosticPrinter(c.sources());
            for (Diagnostic d : c.diagnostics()) {
                out.println(printer.render(d));
            }
            out.println(CheckCommand.summary(c));
            out.flush();
            return 1;
        }
        int passed = 0;
        int failed = 0;
        for (RuleTest t : c.tests()) {
            RuleTestRunner.Outcome o = RuleTestRunner.run(t, c.rule(t.rule()).orElseThrow(), c.events());
            String name = t.rule() + " \"" + t.title() + "\" (" + t.file() + ":" + t.line() + ")";
            if (o.passed()) {
                passed++;
                out.println("PASS " + name);
            } else {
                failed++;
                out.println("FAIL " + name);
                o.problems().forEach(p -> out.println("     " + p));
                for (Match m : o.actual()) {
                    out.println("     got: " + dev.vigil.alerts.AlertJson.write(AlertMapper.toAlert(m)));
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
