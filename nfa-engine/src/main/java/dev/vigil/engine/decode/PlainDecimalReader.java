package dev.vigil.engine.decode;

import java.math.BigDecimal;

/**
 * Reads plain decimal text (an optional minus, digits, an optional point followed by digits:
 * "-12.50") as an unscaled whole number and a scale, with nothing allocated: a decimal then costs
 * one {@code BigDecimal} and a double nothing, where {@code new BigDecimal(String)} and
 * {@code Double.parseDouble} each make buffers per value. Other forms (exponents, a plus sign,
 * 19 digits or more) are not read, and the caller parses them as before, so they give the same
 * values and the same errors.
 */
final class PlainDecimalReader {
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p; // exact up to 10^22
            p *= 10;
        }
    }

    private long unscaled;
    private int scale;
    private boolean negative;

    /** Whether {@code s} is plain decimal text, now read. */
    boolean read(String s) {
        int n = s.length();
        int i = 0;
        negative = n > 0 && s.charAt(0) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        int point = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return false;
                }
                value = value * 10 + (c - '0');
            } else if (c == '.' && point < 0 && digits > 0) {
                point = digits;
            } else {
                return false;
            }
        }
        if (digits == 0 || point == digits) {
            return false; // nothing, or nothing after the point: left to the usual parsers
        }
        unscaled = negative ? -value : value;
        scale = point < 0 ? 0 : digits - point;
        return true;
    }

    /** The text read, as {@code new BigDecimal} gives it (the same unscaled value and scale). */
    BigDecimal decimal() {
        return BigDecimal.valueOf(unscaled, scale);
    }

    /**
     * Whether {@link #toDouble} is exact: the unscaled value and the power of ten are both doubles
     * exactly, so one division rounds the decimal value once, as {@code Double.parseDouble} does.
     * (Not for a negative zero, whose sign the unscaled value cannot hold.)
     */
    boolean fitsDouble() {
        return Math.abs(unscaled) < (1L << 53) && scale < POWERS_OF_TEN.length && !(negative && unscaled == 0);
    }

    double toDouble() {
        return unscaled / POWERS_OF_TEN[scale];
    }
}
