package dev.vigil.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte line reader splits an input into the lines {@link BufferedReader#readLine} gives (the
 * oracle), whatever the terminators, line lengths and the sizes in which the input arrives.
 */
class LineReaderTest {
    private static final String[] PIECES = {"a", "{\"k\":1}", " ", "\t", "é", "€", "𝄞", "x".repeat(70_000)};
    private static final String[] ENDS = {"\n", "\r\n", "\r"};

    @Test
    void linesAreThoseOfReadLineWhateverTheTerminatorsAndChunks() throws IOException {
        for (int seed = 0; seed < 400; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder();
            int lines = r.nextInt(12);
            for (int i = 0; i < lines; i++) {
                for (int k = r.nextInt(4); k > 0; k--) {
                    // The long piece rarely, so that most inputs stay small.
                    text.append(PIECES[r.nextInt(r.nextInt(20) == 0 ? PIECES.length : PIECES.length - 1)]);
                }
                if (i < lines - 1 || r.nextBoolean()) {
                    text.append(ENDS[r.nextInt(ENDS.length)]);
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            int chunk = 1 + r.nextInt(r.nextBoolean() ? 3 : 100_000);
            assertEquals(expected(bytes), actual(bytes, chunk), "seed " + seed + ", chunks of " + chunk);
        }
    }

    @Test
    void blankLinesAreThoseOfAsciiBlanksOnly() throws IOException {
        LineReader in = new LineReader(new ByteArrayInputStream(" \t \nx\n\n\u3000\n".getBytes(StandardCharsets.UTF_8)));
        List<Boolean> blank = new ArrayList<>();
        while (in.next()) {
            blank.add(in.isBlank());
        }
        assertEquals(List.of(true, false, true, false), blank);
    }

    private static List<String> expected(byte[] bytes) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            out.add(line);
        }
        return out;
    }

    private static List<String> actual(byte[] bytes, int chunk) throws IOException {
        LineReader in = new LineReader(new Chunked(bytes, chunk));
        List<String> out = new ArrayList<>();
        while (in.next()) {
            out.add(new String(in.buffer(), in.offset(), in.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Hands the bytes over at most {@code chunk} at a time, as a pipe or a decompressor may. */
    private static final class Chunked extends InputStream {
        private final byte[] bytes;
        private final int chunk;
        private int at;

        Chunked(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }
}
