package dev.vigil.engine.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Reads what {@link StateWriter} wrote, in the same order. */
public final class StateReader {
    private final byte[] buf;
    private int pos;

    public StateReader(byte[] buf) {
        this.buf = buf;
    }

    public int readByte() {
        return buf[pos++];
    }

    public boolean readBoolean() {
        return buf[pos++] != 0;
    }

    public long readVarLong() {
        long z = 0;
        int shift = 0;
        while (true) {
            byte b = buf[pos++];
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (z >>> 1) ^ -(z & 1);
    }

    public int readVarInt() {
        return (int) readVarLong();
    }

    public long readLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    /** What {@link StateWriter#writeUtf8} or {@link StateWriter#writeString} wrote, as UTF-8 bytes, or null. */
    public byte[] readUtf8() {
        int n = readVarInt();
        if (n < 0) {
            return null;
        }
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** {@code length} bytes {@link StateWriter#writeBytes} wrote, into {@code to} at {@code offset}. */
    public void readBytes(byte[] to, int offset, int length) {
        System.arraycopy(buf, pos, to, offset, length);
        pos += length;
    }

    public String readString() {
        int n = readVarInt();
        if (n < 0) {
            return null;
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public BigDecimal readDecimal() {
        int scale = readVarInt();
        if (scale == Integer.MIN_VALUE) {
            return null;
        }
        if (readByte() == 0) {
            return BigDecimal.valueOf(readVarLong(), scale);
        }
        int n = readVarInt();
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return new BigDecimal(new BigInteger(b), scale);
    }
}
