package dev.vigil.engine.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Plain decimal text read without allocation gives what {@code new BigDecimal} and {@code Double.parseDouble} give. */
class PlainDecimalReaderTest {
    private final PlainDecimalReader reader = new PlainDecimalReader();

    @Test
    void randomPlainTextsReadAsBigDecimalAndDoubleReadThem() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "-" : "");
            int whole = 1 + random.nextInt(12);
            for (int d = 0; d < whole; d++) {
                b.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                b.append('.');
                int fraction = 1 + random.nextInt(whole > 9 ? 18 - whole : 9);
                for (int d = 0; d < fraction; d++) {
                    b.append((char) ('0' + random.nextInt(10)));
                }
            }
            String text = b.toString();
            assertTrue(reader.read(text), text);
            BigDecimal expected = new BigDecimal(text);
            assertEquals(expected.unscaledValue(), reader.decimal().unscaledValue(), text);
            assertEquals(expected.scale(), reader.decimal().scale(), text);
            if (reader.fitsDouble()) {
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(reader.toDouble()),
                        text);
            }
        }
    }

    @Test
    void edgesOfThePlainForm() {
        for (String text : List.of("0", "-0", "0.0", "-0.00", "007.50", "999999999999999999", "-999999999999999999",
                "0.00000000000000001", "9007199254740993", "123456789.123456789", "1.7976931348623157")) {
            assertTrue(reader.read(text), text);
            assertEquals(new BigDecimal(text), reader.decimal(), text);
            assertEquals(new BigDecimal(text).scale(), reader.decimal().scale(), text);
            if (reader.fitsDouble()) {
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(reader.toDouble()),
                        text);
            }
        }
        reader.read("-0.0");
        assertFalse(reader.fitsDouble(), "a negative zero keeps its sign through Double.parseDouble");
        reader.read("9007199254740993");
        assertFalse(reader.fitsDouble(), "beyond 2^53 a double is not exact");
    }

    @Test
    void otherFormsAreLeftToTheUsualParsers() {
        for (String text : List.of("", "-", ".", "1.", ".5", "-.5", "+1", "1e5", "1E-3", "1.2.3", " 1", "1 ", "1,5",
                "NaN", "Infinity", "0x10", "1234567890123456789", "12345678901234567.89", "--1", "1-")) {
            assertFalse(reader.read(text), text);
        }
    }
}
