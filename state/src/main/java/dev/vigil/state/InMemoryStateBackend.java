package dev.vigil.state;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** State on the JVM heap: for tests, rule tests and replays that fit in memory. */
public final class InMemoryStateBackend implements StateBackend {
    private final Map<String, MapStore<?>> stores = new HashMap<>();
    private final TimerHeap timers = new TimerHeap();

    @Override
    @SuppressWarnings("unchecked")
    public <V> KeyedStore<V> store(String namespace, Codec<V> codec) {
        return (KeyedStore<V>) stores.computeIfAbsent(namespace, n -> new MapStore<>());
    }

    @Override
    public TimerQueue timers() {
        return timers;
    }

    @Override
    public void close() {
        stores.clear();
    }

    private static final class MapStore<V> implements KeyedStore<V> {
        private final StringKeyMap<V> map = new StringKeyMap<>();

        @Override
        public V get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, V value) {
            map.put(key, value);
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
            map.forEach(action);
        }
    }
}
