package dev.vigil.state;

/** Where the engine keeps its keyed state and timers. */
public interface StateBackend extends AutoCloseable {
    <V> KeyedStore<V> store(String namespace, Codec<V> codec);

    TimerQueue timers();

    @Override
    void close();
}
