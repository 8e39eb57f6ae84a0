package dev.vigil.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A namespace's values in one column family of {@link RocksDbStateBackend}. Busy keys' values live
 * decoded on the heap ({@link KeyCache}: a busy key is not decoded and encoded on every event);
 * a changed one is written when it leaves the cache ({@link WriteBehind}, off the engine thread) or
 * at a checkpoint; the rest are read from RocksDB, ahead of time when hinted ({@link ReadAhead}).
 * Keys are the state keys in UTF-8, values the codec's bytes.
 */
final class RocksStore<V> implements KeyedStore<V> {
    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final Codec<V> codec;
    private final WriteOptions writeOptions;
    private final ReadOptions readAheadOptions;
    /** Values read ahead stay encoded until taken: see {@link #get}. */
    private final ReadAhead<byte[]> readAhead;
    private final WriteBehind<V> writeBehind;
    /**
     * Cached values by key; a dirty one may differ from what is on disk (a dirty null is a delete
     * to make), a null one is known to be absent.
     */
    private final KeyCache<Cached<V>> cached;

    private static final class Cached<V> {
        V value;
        boolean dirty;
        /** Whether RocksDB may have a value for the key (so removing it needs a delete). */
        boolean onDisk;

        Cached(V value, boolean dirty, boolean onDisk) {
            this.value = value;
            this.dirty = dirty;
            this.onDisk = onDisk;
        }
    }

    /**
     * {@code capacity} keys stay decoded on the heap, at most {@code readAheadKeys} are read ahead
     * (with {@code readAheadOptions}); reads ahead and writes run on {@code background}.
     */
    RocksStore(RocksDB db, ColumnFamilyHandle family, Codec<V> codec, int capacity, int readAheadKeys,
               WriteOptions writeOptions, ReadOptions readAheadOptions, Executor background) {
        this.db = db;
        this.family = family;
        this.codec = codec;
        this.writeOptions = writeOptions;
        this.readAheadOptions = readAheadOptions;
        this.readAhead = new ReadAhead<>(this::readAll, background, readAheadKeys);
        this.writeBehind = new WriteBehind<>(this::writeAll, background, writeBatchKeys(capacity));
        this.cached = new KeyCache<>(capacity, (key, c) -> {
            if (c.dirty) {
                write(key, c.value);
            }
        });
    }

    @Override
    public V get(String key) {
        Cached<V> c = cached.get(key);
        if (c != null) {
            return c.value;
        }
        WriteBehind.Handed<V> handed = writeBehind.reclaim(key);
        if (handed != null) {
            // A called-off write leaves the disk behind: the value is dirty, and an older one may be there to delete.
            boolean stale = !handed.written();
            return cache(key, handed.value(), stale, stale || handed.value() != null);
        }
        // Decoded here, on the engine thread, not when read: a key's events wait for the watermark,
        // and thousands of values waiting decoded (some 4 KB of objects each, against a few hundred
        // bytes encoded) were copied by every young collection.
        ReadAhead.Read<byte[]> ahead = readAhead.take(key);
        V value = ahead != null ? decode(ahead.value()) : read(key);
        return cache(key, value, false, value != null); // a null is cached too: known absent, a new key
    }

    /**
     * Keys written in one batch: up to 4,096, so that a sorted batch lands in the memtable in few
     * places (see {@link #writeAll}); no more than a sixteenth of the cache, as the values waiting
     * to be written stay on the heap beside it; at least 16.
     */
    static int writeBatchKeys(int capacity) {
        return Math.max(16, Math.min(4096, capacity / 16));
    }

    private V cache(String key, V value, boolean dirty, boolean onDisk) {
        cached.add(key, new Cached<>(value, dirty, onDisk));
        return value;
    }

    /** Reads and decodes a key's value on the calling thread; null when it has none. */
    private V read(String key) {
        try {
            return decode(db.get(family, keyBytes(key)));
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] keyBytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void put(String key, V value) {
        Cached<V> c = cached.peek(key);
        if (c != null) {
            c.value = value;
            c.dirty = true;
        } else {
            // Not cached: it may be on disk (evicted earlier), so a later remove must delete it.
            cached.add(key, new Cached<>(value, true, true));
        }
    }

    @Override
    public void remove(String key) {
        readAhead.forget(key);
        // The absence stays cached (deleted on disk when it leaves the cache): most removed keys
        // come back, and would otherwise be read from the disk, or wait for their delete.
        Cached<V> c = cached.peek(key);
        boolean onDisk = c == null || c.onDisk || writeBehind.pending(key);
        if (c == null) {
            cached.add(key, new Cached<>(null, onDisk, onDisk));
        } else {
            c.value = null;
            c.dirty = onDisk;
            c.onDisk = onDisk;
        }
    }

    @Override
    public boolean readsAhead() {
        return true;
    }

    @Override
    public void prefetch(String key) {
        // A key with a write on its way is read from that write, not from the disk.
        if (!cached.contains(key) && !writeBehind.pending(key)) {
            readAhead.hint(key);
        }
    }

    private void write(String key, V value) {
        readAhead.forget(key);
        writeBehind.write(key, value);
    }

    /** Reads keys in one multi-get (on the background thread); null for a key without a value. */
    private List<byte[]> readAll(List<String> keys) {
        List<byte[]> raw = new ArrayList<>(keys.size());
        for (String k : keys) {
            raw.add(keyBytes(k));
        }
        try {
            return db.multiGetAsList(readAheadOptions, Collections.nCopies(keys.size(), family), raw);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key's bytes and its value (null: a delete) in a write batch. */
    private record Put<V>(byte[] key, V value) {}

    private V decode(byte[] bytes) {
        return bytes == null ? null : codec.decode(bytes);
    }

    /**
     * Encodes and writes keys in one write batch, a null value deleting its key and a null key
     * skipped (a write called off), on the background thread.
     */
    private void writeAll(List<String> keys, List<V> values) {
        List<Put<V>> puts = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) != null) {
                puts.add(new Put<>(keyBytes(keys.get(i)), values.get(i)));
            }
        }
        // In RocksDB's order (unsigned bytes): its memtable, a skip list, then inserts each key near
        // the last one instead of searching its whole height (the insert was a third of this
        // thread's time at 10 M keys). Stable, so that of a key given twice the later write stays the later.
        puts.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        try (WriteBatch batch = new WriteBatch()) {
            for (Put<V> put : puts) {
                byte[] k = put.key();
                V v = put.value();
                if (v == null) {
                    batch.delete(family, k);
                } else {
                    batch.put(family, k, codec.encode(v));
                }
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes every changed cached value to RocksDB and waits until everything handed over is
     * written (the values stay cached, and are not touched until then: the engine thread waits).
     */
    void writeBack() {
        cached.forEach((key, c) -> {
            if (c.dirty) {
                readAhead.forget(key);
                writeBehind.write(key, c.value);
                c.dirty = false;
                c.onDisk = c.value != null;
            }
        });
        writeBehind.flush();
    }

    /** Waits for the reads under way and drops what was read ahead (before the database closes). */
    void stopReadingAhead() {
        readAhead.clear();
    }

    /** Counts by iterating: exact, and meant for tests and metrics, not the hot path. */
    @Override
    public long size() {
        writeBack();
        long n = 0;
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void forEach(BiConsumer<String, V> action) {
        writeBack();
        List<String> keys = new ArrayList<>();
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                keys.add(new String(it.key(), StandardCharsets.UTF_8));
            }
        }
        // Through get, so that a value changed by the action and put back is the cached one.
        for (String k : keys) {
            V v = get(k);
            if (v != null) {
                action.accept(k, v);
            }
        }
    }
}
