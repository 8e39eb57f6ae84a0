package dev.vigil.dsl.check;

import dev.vigil.dsl.diag.Diagnostic;
import dev.vigil.dsl.diag.SourceFile;
import dev.vigil.dsl.parse.VglParser;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.RuleTest;
import dev.vigil.dsl.schema.EventSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of compiling a set of pattern files. When {@code diagnostics} is not empty the set is
 * refused as a whole: a running engine keeps the rules it had.
 */
public record Compilation(List<RuleProgram> rules, List<EventSchema> events, List<RuleTest> tests,
                          List<Diagnostic> diagnostics, Map<String, SourceFile> sources,
                          Map<String, VglParser.Parsed> parsed) {
    public Compilation {
        rules = List.copyOf(rules);
        events = List.copyOf(events);
        tests = List.copyOf(tests);
        diagnostics = List.copyOf(diagnostics);
        sources = Map.copyOf(sources);
        parsed = Map.copyOf(parsed);
    }

    public boolean ok() {
        return diagnostics.isEmpty();
    }

    public Optional<RuleProgram> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<EventSchema> event(String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
