package dev.vigil.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations on the command line, written as in rule files: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
final class DurationOption {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationOption() {}

    static long millis(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("`" + text + "` is not a duration; write it like 30s, 5m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms": return n;
            case "s": return n * 1000;
            case "m": return n * 60_000;
            case "h": return n * 3_600_000;
            default: return n * 86_400_000;
        }
    }
}
