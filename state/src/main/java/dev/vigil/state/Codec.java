package dev.vigil.state;

/** How a value is written to and read from bytes; stores that keep values on disk use it, memory does not. */
public interface Codec<V> {
    byte[] encode(V value);

    V decode(byte[] bytes);
}
