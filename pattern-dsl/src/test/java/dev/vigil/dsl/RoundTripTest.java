package dev.vigil.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.format.AstEquivalence;
import dev.vigil.dsl.format.Formatter;
import dev.vigil.dsl.parse.VglParser;
import dev.vigil.dsl.program.RuleProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Printing an AST and parsing the text again gives the same AST, on every shipped rule file and
 * on a file that uses every construct; formatting is stable (twice changes nothing), keeps every
 * comment, and the formatted files compile to the same rules.
 */
class RoundTripTest {
    static Stream<Path> files() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("../rules"))) {
            walk.filter(p -> p.toString().endsWith(".vgl")).sorted().forEach(all::add);
        }
        all.add(Path.of("src/test/resources/constructs.vgl"));
        assertTrue(all.size() >= 12, "the starter pack is where it should be");
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void printThenParseGivesTheSameAst(Path file) throws IOException {
        String text = Files.readString(file);
        VglParser.Parsed original = parse(file.toString(), text);
        Formatter.Result printed = Formatter.format(original.file());
        VglParser.Parsed again = parse(file.toString(), printed.text());
        assertNull(AstEquivalence.difference(original.file(), again.file(), ""), printed.text());
        assertEquals(original.commentCount(), printed.commentCount(), "every comment is kept");
        assertEquals(original.commentCount(), again.commentCount());
        assertEquals(printed.text(), Formatter.format(again.file()).text(), "formatting twice changes nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void formattedFilesCompileToTheSameRules(Path file) throws IOException {
        Map<String, String> originals = new HashMap<>();
        Map<String, String> formatted = new HashMap<>();
        try (Stream<Path> walk = Files.walk(Path.of("../rules"))) {
            for (Path p : walk.filter(x -> x.toString().endsWith(".vgl")).toList()) {
                String key = p.normalize().toString();
                originals.put(key, Files.readString(p));
                formatted.put(key, Formatter.format(parse(key, originals.get(key)).file()).text());
            }
        }
        String self = file.normalize().toString();
        originals.putIfAbsent(self, Files.readString(file));
        formatted.putIfAbsent(self, Formatter.format(parse(self, originals.get(self)).file()).text());
        Compilation a = VigilCompiler.compile(SourceLoader.of(originals), List.of(self));
        Compilation b = VigilCompiler.compile(SourceLoader.of(formatted), List.of(self));
        assertTrue(a.ok(), () -> a.diagnostics().toString());
        assertTrue(b.ok(), () -> b.diagnostics().toString());
        assertEquals(describe(a), describe(b));
    }

    /** What a compiled rule set consists of, without its lambdas. */
    private static List<String> describe(Compilation c) {
        List<String> out = new ArrayList<>();
        for (RuleProgram r : c.rules()) {
            out.add(r.name() + " v" + r.version() + " " + r.title() + " " + r.severity() + " " + r.queue() + " key="
                    + r.key().fields() + " within=" + r.withinMillis() + " skip=" + r.skip().kind() + " partials="
                    + r.maxPartials() + " vars=" + r.variables().stream().map(v -> v.name() + ":" + v.looping() + v.absent())
                    .toList() + " pattern=" + r.pattern() .steps().stream().map(s -> s.contiguity() + "/" + s.absent()
                    + "/" + s.gapMillis()).toList() + " windows=" + r.windows().stream().map(w -> w.function() + " "
                    + w.source() + " " + w.field().map(f -> f.name()).orElse("") + " " + w.overMillis()).toList()
                    + " histories=" + r.histories().size() + " outputs=" + r.outputs().stream().map(o -> o.name() + ":"
                    + o.type()).toList() + " when=" + r.when().isPresent() + " score=" + r.score().map(s -> s.model())
                    + " alertIf=" + r.alertIf().isPresent());
        }
        c.tests().forEach(t -> out.add("test " + t.rule() + " " + t.title() + " " + t.events().size() + " " + t.expected()));
        return out;
    }

    static VglParser.Parsed parse(String path, String text) {
        Diagnostics d = new Diagnostics();
        return VglParser.parse(path, text, d).orElseThrow(() -> new AssertionError(path + ": " + d.sorted() + "\n" + text));
    }
}
