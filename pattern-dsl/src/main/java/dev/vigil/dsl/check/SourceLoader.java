package dev.vigil.dsl.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where pattern files come from: the file system, or (in tests and the rules API) a map of texts. */
public interface SourceLoader {
    /** The text at {@code path}, or empty when there is none. */
    Optional<String> read(String path);

    /** The path an {@code import} in {@code from} names. */
    default String resolve(String from, String target) {
        Path parent = Path.of(from).getParent();
        return (parent == null ? Path.of(target) : parent.resolve(target)).normalize().toString();
    }

    static SourceLoader fileSystem() {
        return path -> {
            try {
                return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }

    static SourceLoader of(Map<String, String> texts) {
        return path -> Optional.ofNullable(texts.get(path));
    }
}
