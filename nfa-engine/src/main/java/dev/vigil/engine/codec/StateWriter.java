package dev.vigil.engine.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Compact binary writing for engine state: variable-length integers, strings, decimals. */
public final class StateWriter {
    /** A buffer grown past this is not kept by {@link #reset}: one huge value does not pin its memory. */
    private static final int KEPT_AT_MOST = 64 << 10;

    private byte[] buf = new byte[256];
    private int size;

    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * Empties the writer for the next value, keeping its buffer: a writer reused per thread spares
     * a new buffer and its growth per value encoded (at 10 M keys they were an eighth of the bytes
     * the replay allocated, docs/benchmarks.md).
     */
    public void reset() {
        size = 0;
        if (buf.length > KEPT_AT_MOST) {
            buf = new byte[256];
        }
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void writeBoolean(boolean b) {
        writeByte(b ? 1 : 0);
    }

    /** An unsigned LEB128 integer of the zig-zag form of {@code v}: small magnitudes take one byte. */
    public void writeVarLong(long v) {
        ensure(10);
        size = putVarLong(buf, size, v);
    }

    /** Writes {@code v} as {@link #writeVarLong} does into {@code b} at {@code at}; returns where it ends. */
    private static int putVarLong(byte[] b, int at, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            b[at++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        b[at++] = (byte) z;
        return at;
    }

    /** The bytes {@link #putVarLong} writes for {@code v}: seven bits of its zig-zag form a byte. */
    private static int varLongSize(long v) {
        long z = (v << 1) ^ (v >> 63);
        return Math.max(1, (70 - Long.numberOfLeadingZeros(z)) / 7);
    }

    public void writeVarInt(int v) {
        writeVarLong(v);
    }

    public void writeLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (i * 8));
        }
    }

    /** A string, or null. */
    public void writeString(String s) {
        if (s == null || !isAscii(s)) {
            writeUtf8(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        // ASCII (ids, codes, most values): its UTF-8 is its characters, copied without an array made per string.
        int n = s.length();
        writeVarInt(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Text already in UTF-8, or null: written as {@link #writeString} writes its text. */
    public void writeUtf8(byte[] b) {
        if (b == null) {
            writeVarInt(-1);
            return;
        }
        writeVarInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    /** Where the next byte goes: a mark for {@link #sizeFrom}. */
    public int position() {
        return size;
    }

    /**
     * Puts the length of what was written since {@code from} (a {@link #position}) before it, so
     * that it reads back as {@link StateReader#readUtf8} reads: for a part whose length is known
     * only once it is written, without writing it elsewhere first.
     */
    public void sizeFrom(int from) {
        int length = size - from;
        int n = varLongSize(length);
        ensure(n);
        System.arraycopy(buf, from, buf, from + n, length);
        putVarLong(buf, from, length);
        size += n;
    }

    /** Bytes without their length: the reader knows it. */
    public void writeBytes(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, size, length);
        size += length;
    }

    /** A decimal (scale and unscaled digits), or null. */
    public void writeDecimal(BigDecimal d) {
        if (d == null) {
            writeVarInt(Integer.MIN_VALUE);
            return;
        }
        writeVarInt(d.scale());
        BigInteger unscaled = d.unscaledValue(); // a new BigInteger at each call
        if (unscaled.bitLength() < 63) {
            writeByte(0);
            writeVarLong(unscaled.longValue());
        } else {
            byte[] b = unscaled.toByteArray();
            writeByte(1);
            writeVarInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }
    }
}
