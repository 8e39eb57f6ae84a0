package dev.vigil.engine.decode;

/**
 * The string values the decoder made recently, so that a value it reads again (a country, a
 * channel, a status, a currency) is the same {@code String} instead of a new one per record.
 * Most string fields of a stream take a handful of values; kept events then hold shared strings
 * (a smaller live heap) and decoding allocates less (docs/benchmarks.md).
 *
 * <p>Direct-mapped: a value goes to the slot of its hash and replaces whatever was there, so ids
 * that never repeat pass through at the cost of a hash and a comparison and cannot crowd out the
 * frequent values for long. Identity is all that changes: every value equals what
 * {@code new String} would have made. One per decoder (not thread-safe).
 */
final class RecentStrings {
    private static final int SLOTS = 4096; // a power of two; 16 KB of references
    /** Longer values are rarely repeated (ids, free text): not worth hashing twice. */
    private static final int MAX_LENGTH = 24;

    private final String[] slots = new String[SLOTS];

    /** The string of {@code length} characters at {@code offset}: a recent equal one, or a new one. */
    String of(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i]; // String.hashCode's, so a cached hash rules most slots out
        }
        int slot = (hash ^ (hash >>> 12)) & (SLOTS - 1);
        String recent = slots[slot];
        if (recent != null && recent.hashCode() == hash && same(recent, chars, offset, length)) {
            return recent;
        }
        String made = new String(chars, offset, length);
        // The string caches its hash here, on the decoder's thread: the engine's thread then only
        // reads it (a key's look-up hashes it), instead of writing to memory this thread wrote.
        made.hashCode();
        slots[slot] = made;
        return made;
    }

    private static boolean same(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
