package dev.vigil.app;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Opening the commands' files: {@code -} is standard input or output, a {@code .gz} name is compressed. */
final class Streams {
    private Streams() {}

    static BufferedReader reader(String name) throws IOException {
        return new BufferedReader(new InputStreamReader(input(name), StandardCharsets.UTF_8), 1 << 16);
    }

    /** The bytes of a file, standard input for {@code -}, uncompressed for a {@code .gz} name. */
    static InputStream input(String name) throws IOException {
        InputStream in = name.equals("-") ? System.in : Files.newInputStream(Path.of(name));
        return name.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** A file cut back to {@code length} bytes and written on from there (a resumed replay's output). */
    static Writer appendAt(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    static OutputStream output(String name) throws IOException {
        if (name.equals("-")) {
            // Standard output is not ours to close.
            return new BufferedOutputStream(System.out, 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(name)), 1 << 16);
        return name.endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    static Writer writer(String name) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(output(name), StandardCharsets.UTF_8), 1 << 16);
    }
}
