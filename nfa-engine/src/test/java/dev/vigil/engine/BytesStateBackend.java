package dev.vigil.engine;

import dev.vigil.state.Codec;
import dev.vigil.state.InMemoryStateBackend;
import dev.vigil.state.KeyedStore;
import dev.vigil.state.StateBackend;
import dev.vigil.state.TimerQueue;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Keeps every value as the bytes of its codec, as a disk-backed store does: each get decodes a
 * fresh copy. An engine that forgot to write a change back, or that relied on the identity of
 * objects across events, gives different matches here than in memory.
 */
final class BytesStateBackend implements StateBackend {
    private final InMemoryStateBackend timersFrom = new InMemoryStateBackend();
    private final Map<String, BytesStore<?>> stores = new HashMap<>();
    /** Values written (puts), in every namespace. */
    private int writes;

    @Override
    @SuppressWarnings("unchecked")
    public <V> KeyedStore<V> store(String namespace, Codec<V> codec) {
        return (KeyedStore<V>) stores.computeIfAbsent(namespace, n -> new BytesStore<>(codec));
    }

    @Override
    public TimerQueue timers() {
        return timersFrom.timers();
    }

    @Override
    public void close() {
        timersFrom.close();
    }

    int writes() {
        return writes;
    }

    /** Every stored value's bytes, by namespace and key, in key order. */
    Map<String, Map<String, byte[]>> dump() {
        Map<String, Map<String, byte[]>> out = new java.util.TreeMap<>();
        stores.forEach((ns, store) -> out.put(ns, new java.util.TreeMap<>(store.map)));
        return out;
    }

    /** Puts bytes in a namespace's store as they are, as a state written earlier would be read. */
    void load(String namespace, String key, byte[] bytes) {
        ((BytesStore<?>) stores.get(namespace)).map.put(key, bytes);
    }

    private final class BytesStore<V> implements KeyedStore<V> {
        private final Map<String, byte[]> map = new HashMap<>();
        private final Codec<V> codec;

        BytesStore(Codec<V> codec) {
            this.codec = codec;
        }

        @Override
        public V get(String key) {
            byte[] b = map.get(key);
            return b == null ? null : codec.decode(b);
        }

        @Override
        public void put(String key, V value) {
            writes++;
            map.put(key, codec.encode(value));
        }

        @Override
        public void remove(String key) {
            map.remove(key);
        }

        @Override
        public long size() {
            return map.size();
        }

        @Override
        public void forEach(BiConsumer<String, V> action) {
            map.forEach((k, v) -> action.accept(k, codec.decode(v)));
        }
    }
}
