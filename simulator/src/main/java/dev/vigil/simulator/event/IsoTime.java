package dev.vigil.simulator.event;

import java.time.LocalDate;

/**
 * ISO-8601 UTC text of an epoch-millisecond time, always with milliseconds
 * ({@code 2026-01-01T00:00:10.731Z}). Streams are written in time order, so the date part is
 * remembered from the last call; this is several times faster than {@code Instant.toString()},
 * which dominated writing a stream.
 */
final class IsoTime {
    private static final long DAY = 86_400_000L;
    /** One per writing thread: each remembers its last date. */
    private static final ThreadLocal<IsoTime> PER_THREAD = ThreadLocal.withInitial(IsoTime::new);

    private long day = Long.MIN_VALUE;
    private String datePrefix;
    private final char[] buffer = new char[24];

    static String of(long millis) {
        return PER_THREAD.get().format(millis);
    }

    private String format(long millis) {
        long d = Math.floorDiv(millis, DAY);
        if (d != day) {
            day = d;
            datePrefix = LocalDate.ofEpochDay(d) + "T";
        }
        int ms = (int) Math.floorMod(millis, DAY);
        int p = 0;
        for (int i = 0; i < datePrefix.length(); i++) {
            buffer[p++] = datePrefix.charAt(i);
        }
        p = two(ms / 3_600_000, p);
        buffer[p++] = ':';
        p = two(ms / 60_000 % 60, p);
        buffer[p++] = ':';
        p = two(ms / 1000 % 60, p);
        buffer[p++] = '.';
        int milli = ms % 1000;
        buffer[p++] = (char) ('0' + milli / 100);
        buffer[p++] = (char) ('0' + milli / 10 % 10);
        buffer[p++] = (char) ('0' + milli % 10);
        buffer[p++] = 'Z';
        return new String(buffer, 0, p);
    }

    private int two(int v, int p) {
        buffer[p] = (char) ('0' + v / 10);
        buffer[p + 1] = (char) ('0' + v % 10);
        return p + 2;
    }
}
