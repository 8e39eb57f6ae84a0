package dev.vigil.state;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/** State on the JVM heap: for tests, rule tests and replays that fit in memory. */
public final class InMemoryStateBackend implements StateBackend {
    private final Map<String, MapStore<?>> stores = new HashMap<>();
    private final HeapTimers timers = new HeapTimers();

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
        private final Map<String, V> map = new HashMap<>();

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

    /**
     * A binary heap of timers, ordered by (time, namespace, key) so that timers due together fire
     * in the same order on every run. Registering a timer that is already queued adds a duplicate;
     * the engine treats a timer that finds nothing due as harmless, which is cheaper than looking
     * duplicates up on every registration.
     */
    private static final class HeapTimers implements TimerQueue {
        private final PriorityQueue<Timer> queue = new PriorityQueue<>(HeapTimers::compare);

        private static int compare(Timer a, Timer b) {
            int c = Long.compare(a.time(), b.time());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a.namespace(), b.namespace());
            return c != 0 ? c : a.key().compareTo(b.key());
        }

        @Override
        public void register(long time, int namespace, String key) {
            queue.add(new Timer(time, namespace, key));
        }

        @Override
        public Timer peek() {
            return queue.peek();
        }

        @Override
        public Timer poll() {
            Timer t = queue.poll();
            // Drop queued duplicates of the timer just taken.
            while (t != null && t.equals(queue.peek())) {
                queue.poll();
            }
            return t;
        }

        @Override
        public long size() {
            return queue.size();
        }
    }
}
