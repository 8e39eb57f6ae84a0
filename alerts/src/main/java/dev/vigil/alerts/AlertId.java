package dev.vigil.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic alert ids: the first 128 bits of SHA-256 over rule, rule version, key and the ids
 * of the matched events in match order. The same match always has the same id, on any machine and
 * in any driver, so downstream sinks can deduplicate.
 */
public final class AlertId {
    private AlertId() {}

    public static String of(String rule, long version, String key, List<String> eventIds) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(sha, rule);
        update(sha, Long.toString(version));
        update(sha, key);
        for (String id : eventIds) {
            update(sha, id);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** Length-prefixed, so ("ab","c") and ("a","bc") hash differently. */
    private static void update(MessageDigest sha, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (bytes.length >>> 24));
        sha.update((byte) (bytes.length >>> 16));
        sha.update((byte) (bytes.length >>> 8));
        sha.update((byte) bytes.length);
        sha.update(bytes);
    }
}
