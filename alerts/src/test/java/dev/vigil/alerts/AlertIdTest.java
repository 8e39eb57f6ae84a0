package dev.vigil.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertIdTest {
    @Test
    void isSha256OfTheLengthPrefixedParts() throws Exception {
        // Independent computation of the documented construction.
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String part : List.of("r", "2", "c1", "e1", "e2")) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            sha.update(new byte[] {0, 0, 0, (byte) b.length});
            sha.update(b);
        }
        String expected = HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        assertEquals(expected, AlertId.of("r", 2, "c1", List.of("e1", "e2")));
    }

    @Test
    void everyPartChangesTheId() {
        String base = AlertId.of("r", 1, "k", List.of("a", "b"));
        assertEquals(base, AlertId.of("r", 1, "k", List.of("a", "b")));
        assertNotEquals(base, AlertId.of("r2", 1, "k", List.of("a", "b")));
        assertNotEquals(base, AlertId.of("r", 2, "k", List.of("a", "b")));
        assertNotEquals(base, AlertId.of("r", 1, "k2", List.of("a", "b")));
        assertNotEquals(base, AlertId.of("r", 1, "k", List.of("b", "a")));
        assertNotEquals(AlertId.of("r", 1, "k", List.of("ab", "c")), AlertId.of("r", 1, "k", List.of("a", "bc")));
    }
}
