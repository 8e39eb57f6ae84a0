package dev.vigil.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of mistakes analysts make ({@code src/test/resources/errors}). Each file ends with
 * the exact errors it must produce: {@code -- expect L:C: message}, optionally followed by
 * {@code -- hint: text}. The compiler must report those and nothing else.
 */
class ErrorCorpusTest {
    static final Path DIR = Path.of("src/test/resources/errors");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".vgl") && !n.startsWith("_"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void corpusHasAtLeastFortyMistakes() throws IOException {
        assertTrue(cases().count() >= 40, "the corpus must hold at least 40 broken files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedErrors(String name) throws IOException {
        List<String> expected = expectations(Files.readAllLines(DIR.resolve(name)));
        assertFalse(expected.isEmpty(), name + " states no expected error");
        Compilation c = VigilCompiler.compile(relativeTo(DIR), List.of(name));
        List<String> actual = new ArrayList<>();
        for (Diagnostic d : c.diagnostics()) {
            assertEquals(name, d.file(), "errors belong to the file under test");
            actual.add(d.line() + ":" + d.column() + ": " + d.message());
            if (d.hint() != null) {
                actual.add("hint: " + d.hint());
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertTrue(c.rules().isEmpty(), "a file with errors yields no rules");
    }

    private static List<String> expectations(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("-- expect ")) {
                out.add(line.substring("-- expect ".length()));
            } else if (line.startsWith("-- hint: ")) {
                out.add(line.substring("-- ".length()));
            }
        }
        return out;
    }

    /** Loads files by names relative to a folder, so messages name files as the corpus does. */
    static SourceLoader relativeTo(Path dir) {
        return path -> {
            try {
                return Optional.of(Files.readString(dir.resolve(path)));
            } catch (IOException e) {
                return Optional.empty();
            }
        };
    }
}
