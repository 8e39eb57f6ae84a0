package dev.vigil.engine;

/**
 * The share of the keys one engine of a {@link ShardedEngine} processes: shard {@code index} of
 * {@code count}. A key's shard depends on the key's text alone, so it is the same on every run.
 */
public record KeyShard(int index, int count) {
    /** Every key: the one engine of an unsharded run. */
    public static final KeyShard ALL = new KeyShard(0, 1);

    public KeyShard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count);
        }
    }

    public boolean isAll() {
        return count == 1;
    }

    public boolean owns(String key) {
        return count == 1 || of(key, count) == index;
    }

    /**
     * The shard of a key. The string hash is spread by a multiplication and its high bits chosen,
     * so that a shard's own hash tables (which index by the low bits) still use all their buckets.
     */
    static int of(String key, int count) {
        int spread = key.hashCode() * 0x9E3779B9;
        return (int) (((spread >>> 1) * (long) count) >>> 31);
    }
}
