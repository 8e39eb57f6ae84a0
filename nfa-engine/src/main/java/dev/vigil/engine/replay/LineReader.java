package dev.vigil.engine.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an input as bytes, not decoded to characters: the decoder parses UTF-8 bytes, so
 * decoding a line to a {@code String} only to encode it back for the parser would be work and
 * garbage for nothing. Lines end as {@link java.io.BufferedReader#readLine} ends them (at
 * {@code \n}, {@code \r\n} or {@code \r}), so line numbers are the same. The current line is
 * {@code buffer()[offset(), offset() + length())}, valid until the next call to {@link #next}.
 */
public final class LineReader implements Closeable {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    /** Unread bytes: {@code buf[start, end)}. */
    private int start;
    private int end;
    private boolean eof;
    /** The last line ended at a {@code \r} at the end of what was read: a {@code \n} next belongs to it. */
    private boolean afterCr;
    private int lineStart;
    private int lineLength;

    public LineReader(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false when the input has no more. */
    public boolean next() throws IOException {
        if (afterCr) {
            afterCr = false;
            if (start == end) {
                fill();
            }
            if (start < end && buf[start] == '\n') {
                start++;
            }
        }
        int scan = start;
        while (true) {
            for (int i = scan; i < end; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    lineStart = start;
                    lineLength = i - start;
                    start = i + 1;
                    if (b == '\r') {
                        if (start < end) {
                            start += buf[start] == '\n' ? 1 : 0;
                        } else {
                            afterCr = true;
                        }
                    }
                    return true;
                }
            }
            scan = end - start;
            if (eof) {
                if (start == end) {
                    return false;
                }
                lineStart = start;
                lineLength = end - start;
                start = end;
                return true;
            }
            fill();
            scan += start;
        }
    }

    /** Reads more: keeps the unread bytes at the front, grows the buffer for a line longer than it. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return lineStart;
    }

    public int length() {
        return lineLength;
    }

    /** Whether the current line holds only ASCII blanks (spaces, tabs, control separators), as a blank NDJSON line does. */
    public boolean isBlank() {
        for (int i = lineStart; i < lineStart + lineLength; i++) {
            byte b = buf[i];
            if (b < 0 || !Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
