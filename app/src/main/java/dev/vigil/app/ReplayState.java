package dev.vigil.app;

import dev.vigil.state.Codec;
import dev.vigil.state.InMemoryStateBackend;
import dev.vigil.state.KeyedStore;
import dev.vigil.state.RocksDbStateBackend;
import dev.vigil.state.StateBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a replay's engine shards: in memory, or a RocksDB per shard. One shard keeps its
 * state in the live directory itself (the layout a replay has always had); several keep theirs in
 * {@code shard-I} below it, sharing out the configured memory (block cache, write buffers, cached
 * keys), so the replay uses what it was given whatever its number of threads. A snapshot holds
 * each shard's checkpoint, laid out the same way, and each shard's engine snapshot in its own state.
 */
final class ReplayState implements AutoCloseable {
    private static final String ENGINE_SNAPSHOT = "snapshot";
    private static final Codec<byte[]> BYTES = new Codec<>() {
        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    };

    private final List<StateBackend> backends;
    /** The same backends when they are on disk (they take checkpoints); empty for state in memory. */
    private final List<RocksDbStateBackend> onDisk;

    private ReplayState(List<? extends StateBackend> backends, List<RocksDbStateBackend> onDisk) {
        this.backends = List.copyOf(backends);
        this.onDisk = List.copyOf(onDisk);
    }

    static ReplayState inMemory(int shards) {
        List<StateBackend> backends = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            backends.add(new InMemoryStateBackend());
        }
        return new ReplayState(backends, List.of());
    }

    static ReplayState rocksDb(Path live, int shards, long blockCacheBytes, long writeBufferBytes, int cachedKeys) {
        List<RocksDbStateBackend> backends = new ArrayList<>();
        try {
            for (int i = 0; i < shards; i++) {
                backends.add(new RocksDbStateBackend(new RocksDbStateBackend.Config(shardDir(live, i, shards),
                        blockCacheBytes / shards, writeBufferBytes / shards, Math.max(1, cachedKeys / shards))));
            }
        } catch (RuntimeException e) {
            backends.forEach(StateBackend::close);
            throw e;
        }
        return new ReplayState(backends, backends);
    }

    private static Path shardDir(Path dir, int shard, int shards) {
        return shards == 1 ? dir : dir.resolve("shard-" + shard);
    }

    List<StateBackend> backends() {
        return backends;
    }

    /** The engine snapshots a resumed replay starts from, one per shard. */
    List<byte[]> engineSnapshots() {
        return backends.stream().map(b -> b.store("engine", BYTES).get(ENGINE_SNAPSHOT)).toList();
    }

    /** Keeps each shard's engine snapshot in its own state, so that its checkpoint carries it. */
    void keepEngineSnapshots(List<byte[]> snapshots) {
        for (int i = 0; i < backends.size(); i++) {
            backends.get(i).store("engine", BYTES).put(ENGINE_SNAPSHOT, snapshots.get(i));
        }
    }

    /**
     * A consistent copy of every shard's state in {@code target}, which must not exist yet; only
     * state on disk takes snapshots.
     */
    void checkpoint(Path target) {
        if (onDisk.isEmpty()) {
            throw new IllegalStateException("state in memory takes no snapshots");
        }
        if (onDisk.size() > 1) {
            try {
                Files.createDirectories(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (int i = 0; i < onDisk.size(); i++) {
            onDisk.get(i).checkpoint(shardDir(target, i, onDisk.size()));
        }
    }

    @Override
    public void close() {
        backends.forEach(StateBackend::close);
    }
}
