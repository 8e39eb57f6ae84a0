package dev.vigil.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Strings and decimals written to state read back equal, in the bytes the JDK's UTF-8 encoder and
 * {@code BigInteger} give (the format state written earlier was read in), also from a writer
 * reused after {@link StateWriter#reset}.
 */
class StateWriterTest {
    private static final char[] ALPHABET = {'a', 'Z', '0', '-', '"', '\\', '\n', 0, 0x7F, 0x80, 0xE9, 0x20AC,
        0xD83D, 0xDE00, 0xD800, 0xFFFF};

    @Test
    void stringsReadBackAndAreWrittenAsTheirUtf8() {
        Random r = new Random(11);
        StateWriter reused = new StateWriter();
        for (int round = 0; round < 20_000; round++) {
            String s = round % 97 == 0 ? null : randomString(r);
            StateWriter fresh = new StateWriter();
            fresh.writeString(s);
            StateWriter expected = new StateWriter();
            expected.writeUtf8(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(expected.toBytes(), fresh.toBytes(), "bytes of " + s);
            reused.reset();
            reused.writeString(s);
            assertArrayEquals(expected.toBytes(), reused.toBytes(), "bytes of " + s + " from a reused writer");
            // What the JDK decodes from those bytes (a lone surrogate becomes '?', as it always did).
            String back = s == null ? null : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertEquals(back, new StateReader(fresh.toBytes()).readString());
        }
    }

    @Test
    void decimalsReadBackEqualWhateverTheirSize() {
        Random r = new Random(12);
        StateWriter w = new StateWriter();
        for (int round = 0; round < 20_000; round++) {
            BigDecimal d = new BigDecimal(new BigInteger(1 + r.nextInt(120), r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1)),
                    r.nextInt(40) - 10);
            w.reset();
            w.writeDecimal(d);
            w.writeDecimal(null);
            StateReader back = new StateReader(w.toBytes());
            assertEquals(d, back.readDecimal());
            assertEquals(null, back.readDecimal());
        }
    }

    @Test
    void aWriterReusedAfterALargeValueStartsEmpty() {
        StateWriter w = new StateWriter();
        w.writeUtf8(new byte[200_000]);
        w.reset();
        w.writeString("after");
        assertEquals("after", new StateReader(w.toBytes()).readString());
    }

    private static String randomString(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(3) == 0 ? r.nextInt(300) : r.nextInt(12);
        boolean ascii = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            b.append(ascii ? (char) (0x20 + r.nextInt(0x5F)) : ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }
}
