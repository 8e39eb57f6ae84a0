package dev.vigil.engine.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Compact binary writing for engine state: variable-length integers, strings, decimals. */
public final class StateWriter {
    private byte[] buf = new byte[256];
    private int size;

    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
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
        long z = (v << 1) ^ (v >> 63);
        ensure(10);
        while ((z & ~0x7FL) != 0) {
            buf[size++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[size++] = (byte) z;
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
        writeUtf8(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
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

    /** What {@code part} holds, after its length: read back as {@link StateReader#readUtf8} reads. */
    public void writeSized(StateWriter part) {
        writeVarInt(part.size);
        writeBytes(part.buf, 0, part.size);
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
        if (d.unscaledValue().bitLength() < 63) {
            writeByte(0);
            writeVarLong(d.unscaledValue().longValueExact());
        } else {
            byte[] b = d.unscaledValue().toByteArray();
            writeByte(1);
            writeVarInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }
    }
}
