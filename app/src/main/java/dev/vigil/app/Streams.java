package dev.vigil.app;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Opening the commands' files: {@code -} is standard input or output, a {@code .gz} name is compressed. */
final class Streams {
    private Streams() {}

    static BufferedReader reader(String name) throws IOException {
        InputStream in = name.equals("-") ? System.in : Files.newInputStream(Path.of(name));
        if (name.endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        return new BufferedReader(r, 1 << 16);
    }

    /** A file cut back to {@code length} bytes and written on from there (a resumed replay's output). */
    static Writer appendAt(java.nio.file.Path file, long length) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
        return Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    static OutputStream output(String name) throws IOException {
        if (name.equals("-")) {
            // Standard output is not ours to close.
            return new java.io.BufferedOutputStream(System.out, 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(name)), 1 << 16);
        return name.endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    static Writer writer(String name) throws IOException {
        if (name.equals("-")) {
            // Standard output is not ours to close.
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        OutputStream out = Files.newOutputStream(Path.of(name));
        if (name.endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }
}
