package dev.vigil.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every state backend must do; each backend's test class extends this. */
abstract class KeyedStoreContract {
    abstract StateBackend backend();

    private static final Codec<String> STRINGS = new Codec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    };

    @Test
    void putGetRemoveWithinANamespace() {
        try (StateBackend b = backend()) {
            KeyedStore<String> a = b.store("a", STRINGS);
            KeyedStore<String> other = b.store("b", STRINGS);
            a.put("k1", "v1");
            a.put("k2", "v2");
            a.put("k1", "v1'");
            assertEquals("v1'", a.get("k1"));
            assertNull(other.get("k1"), "namespaces are separate");
            assertEquals(2, a.size());
            a.remove("k2");
            assertNull(a.get("k2"));
            Map<String, String> seen = new HashMap<>();
            a.forEach(seen::put);
            assertEquals(Map.of("k1", "v1'"), seen);
        }
    }

    @Test
    void timersComeOutInTimeOrderOnce() {
        try (StateBackend b = backend()) {
            TimerQueue t = b.timers();
            t.register(30, 0, "x");
            t.register(10, 1, "y");
            t.register(20, 0, "z");
            t.register(10, 1, "y");
            assertEquals(10, t.peek().time());
            assertEquals(new TimerQueue.Timer(10, 1, "y"), t.poll());
            assertEquals(new TimerQueue.Timer(20, 0, "z"), t.poll());
            assertEquals(new TimerQueue.Timer(30, 0, "x"), t.poll());
            assertNull(t.poll());
        }
    }
}
