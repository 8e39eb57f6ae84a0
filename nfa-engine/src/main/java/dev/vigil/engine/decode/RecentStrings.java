package dev.vigil.engine.decode;

/**
 * The string values the decoder made recently for one field, so that a value it reads again (a
 * merchant, a country, a channel) is the same {@code String} instead of a new one per record.
 * Kept events and histories then hold shared strings: a card's 90 days of merchants are
 * references to a hundred thousand merchant names, not a new name per purchase (a smaller live
 * heap, fewer objects for the collector to copy, docs/benchmarks.md).
 *
 * <p>Direct-mapped: a value goes to the slot of its hash and replaces whatever was there. The table
 * sizes itself to its field ({@link #judge}): it starts small and doubles, up to {@link #MAX_SLOTS},
 * while fewer than nine values in ten are found again and doubling finds more; a field whose values
 * do not come back (ids, or cards' numbers among millions) is no longer looked up at all, which
 * spares each of its values a hash, a comparison and a miss in a large table. Identity is all that
 * changes: every value equals what {@code new String} would have made. One per field of a decoder
 * (not thread-safe).
 */
final class RecentStrings {
    static final int MIN_SLOTS = 1 << 10;
    /** About four in five purchases' merchants found among 125 thousand; 2 MB with the hashes. */
    static final int MAX_SLOTS = 1 << 18;
    /** Below this size a table doubles whatever it finds: a few thousand slots say little about a field. */
    static final int JUDGED_SLOTS = 1 << 14;
    /** Longer values are rarely repeated (free text): not worth hashing twice. */
    private static final int MAX_LENGTH = 24;

    private String[] slots = new String[MIN_SLOTS];
    /** The hash of each slot's string, so that a miss does not read the string it would replace. */
    private int[] hashes = new int[MIN_SLOTS];
    /** Look-ups and hits since the table was last judged, every 4 x slots look-ups. */
    private int lookups;
    private int hits;
    /** The share found at the last judgement, or -1: the table doubles only while that pays. */
    private double lastShare = -1;
    /** Values of this field are not looked up any more: they did not come back. */
    private boolean bypassed;

    /** The string of {@code length} characters at {@code offset}: a recent equal one, or a new one. */
    String of(char[] chars, int offset, int length) {
        if (bypassed || length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i]; // String.hashCode's, so a cached hash rules most slots out
        }
        int slot = slot(hash, slots.length);
        if (hashes[slot] == hash) {
            String recent = slots[slot];
            if (recent != null && same(recent, chars, offset, length)) {
                hits++;
                judge();
                return recent;
            }
        }
        String made = new String(chars, offset, length);
        // The string caches its hash here, on the decoder's thread: the engine's thread then only
        // reads it (a key's look-up hashes it), instead of writing to memory this thread wrote.
        made.hashCode();
        slots[slot] = made;
        hashes[slot] = hash;
        judge();
        return made;
    }

    /** Slots in use: 0 once the field's values proved not to repeat. */
    int slots() {
        return bypassed ? 0 : slots.length;
    }

    /**
     * Every 4 x slots look-ups: a table that finds nine values in ten stays; a small one doubles; one
     * of {@link #JUDGED_SLOTS} or more that finds under one value in ten is given up (the field's
     * values are ids, or a customer's own among millions); a larger one doubles as long as the last
     * doubling found a tenth more than before.
     */
    private void judge() {
        if (++lookups < 4 * slots.length) {
            return;
        }
        double share = (double) hits / lookups;
        if (share < 0.9) {
            if (slots.length < JUDGED_SLOTS) {
                grow();
            } else if (share < 0.1) {
                bypassed = true;
                slots = null;
                hashes = null;
            } else if (slots.length < MAX_SLOTS && (lastShare < 0 || share >= 1.1 * lastShare)) {
                lastShare = share;
                grow();
            }
        }
        lookups = 0;
        hits = 0;
    }

    private void grow() {
        String[] larger = new String[slots.length * 2];
        int[] largerHashes = new int[larger.length];
        for (String s : slots) {
            if (s != null) {
                int slot = slot(s.hashCode(), larger.length);
                larger[slot] = s;
                largerHashes[slot] = s.hashCode();
            }
        }
        slots = larger;
        hashes = largerHashes;
    }

    private static int slot(int hash, int size) {
        return (hash ^ (hash >>> 16)) & (size - 1);
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
