package dev.vigil.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * State on disk in RocksDB: one column family per namespace (keys are the state keys in UTF-8,
 * values the codec's bytes) and one for timers, ordered by (time, namespace, key) in the bytes of
 * the key so that iteration order is firing order. Memory is bounded by configuration (a shared
 * block cache and the write buffers), not by the number of keys. The write-ahead log is off: a
 * replay is made durable by {@link #checkpoint}, which flushes and hard-links a consistent copy.
 */
public final class RocksDbStateBackend implements StateBackend {
    /**
     * Where the state lives and how much memory it may use: RocksDB's block cache and write
     * buffers, how many keys' decoded values each store keeps on the heap (written back when they
     * leave it, and before every checkpoint), and how many keys each store reads ahead at most.
     */
    public record Config(Path dir, long blockCacheBytes, long writeBufferBytes, int cachedKeys, int readAheadKeys) {
        /** The block cache by default, in MiB. */
        public static final int DEFAULT_BLOCK_CACHE_MB = 256;
        /**
         * The write buffers by default, in MiB: with 64, level-0 files were small, and every
         * compaction into the level below rewrote it for little new data; 256 was no faster.
         */
        public static final int DEFAULT_WRITE_BUFFER_MB = 128;
        /** Keys decoded on the heap per store by default. */
        public static final int DEFAULT_CACHED_KEYS = 100_000;

        /**
         * Reads ahead a quarter of the cached keys, and at least 16,384: the keys of the events
         * waiting for the watermark must be read in time whatever the size of the cache.
         */
        public Config(Path dir, long blockCacheBytes, long writeBufferBytes, int cachedKeys) {
            this(dir, blockCacheBytes, writeBufferBytes, cachedKeys, Math.max(cachedKeys / 4, 16_384));
        }

        /** The defaults, in {@code dir}. */
        public static Config at(Path dir) {
            return new Config(dir, (long) DEFAULT_BLOCK_CACHE_MB << 20, (long) DEFAULT_WRITE_BUFFER_MB << 20,
                    DEFAULT_CACHED_KEYS);
        }
    }

    private static final String TIMERS = "timers";

    static {
        RocksDB.loadLibrary();
    }

    private final LRUCache cache;
    private final ColumnFamilyOptions familyOptions;
    private final DBOptions dbOptions;
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    /**
     * Reads ahead leave RocksDB's block cache as it is: with millions of keys a data block read for
     * one key is seldom read again before it leaves the cache, so putting each in the cache cost an
     * insert and an eviction per read (7 % of the `state-io` thread at 10 M cards) for few hits.
     * The cache keeps what is read again, index and filter blocks (loaded when a file opens, and no
     * longer pushed out by data blocks), and what other reads put there.
     */
    private final ReadOptions readAheadOptions = new ReadOptions().setFillCache(false);
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> families = new HashMap<>();
    private final Map<String, RocksStore<?>> stores = new HashMap<>();
    private final RocksTimers timers;
    private final Config config;
    /**
     * Reads ahead and writes behind for every store ({@link ReadAhead}, {@link WriteBehind}): one
     * thread beside the engine's, so that the engine thread seldom waits for RocksDB.
     */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "state-io");
        t.setDaemon(true);
        return t;
    });

    /** Opens the state in {@code config.dir()}, creating it if missing, with every namespace it holds. */
    public RocksDbStateBackend(Config config) {
        this.config = config;
        try {
            Files.createDirectories(config.dir());
            cache = new LRUCache(config.blockCacheBytes());
            familyOptions = new ColumnFamilyOptions()
                    .setWriteBufferSize(config.writeBufferBytes())
                    .setMaxWriteBufferNumber(2)
                    // Eight level-0 files (RocksDB's default: four) before they are merged into the level
                    // below: each such compaction rewrites that level, so it is worth doing for more new
                    // data (docs/benchmarks.md: at 10 M cards, with write buffers of 256 MiB, compactions
                    // took 49-56 CPU s with eight files against 70 with four).
                    .setLevel0FileNumCompactionTrigger(8)
                    // Every access is a point look-up by key (no scans on the hot path): Bloom filters in
                    // the memtables as in the tables, level-0 filters and indexes kept in the cache, a hash
                    // index inside data blocks, and LZ4, cheaper to decompress than the default Snappy.
                    .setMemtablePrefixBloomSizeRatio(0.1)
                    .setMemtableWholeKeyFiltering(true)
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setCacheIndexAndFilterBlocks(true)
                            .setPinL0FilterAndIndexBlocksInCache(true)
                            .setCacheIndexAndFilterBlocksWithHighPriority(true)
                            .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash)
                            // Most look-ups of a new key find nothing: a Bloom filter answers them without reading blocks.
                            .setFilterPolicy(new BloomFilter(10)));
            dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2);
            List<byte[]> names = new ArrayList<>();
            try (Options listing = new Options()) {
                names.addAll(RocksDB.listColumnFamilies(listing, config.dir().toString()));
            }
            if (names.isEmpty()) {
                names.add(RocksDB.DEFAULT_COLUMN_FAMILY);
            }
            if (names.stream().noneMatch(n -> new String(n, StandardCharsets.UTF_8).equals(TIMERS))) {
                names.add(TIMERS.getBytes(StandardCharsets.UTF_8));
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] n : names) {
                descriptors.add(new ColumnFamilyDescriptor(n, familyOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            db = RocksDB.open(dbOptions, config.dir().toString(), descriptors, handles);
            for (int i = 0; i < names.size(); i++) {
                families.put(new String(names.get(i), StandardCharsets.UTF_8), handles.get(i));
            }
            timers = new RocksTimers(families.get(TIMERS));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open the state in " + config.dir() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <V> KeyedStore<V> store(String namespace, Codec<V> codec) {
        return (KeyedStore<V>) stores.computeIfAbsent(namespace, n -> {
            if (codec == null) {
                throw new IllegalArgumentException("a RocksDB store needs a codec for namespace " + namespace);
            }
            return new RocksStore<>(db, family("store/" + n), codec, config.cachedKeys(), config.readAheadKeys(),
                    writeOptions, readAheadOptions, background);
        });
    }

    private ColumnFamilyHandle family(String name) {
        return families.computeIfAbsent(name, n -> {
            try {
                return db.createColumnFamily(new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), familyOptions));
            } catch (RocksDBException e) {
                throw new IllegalStateException("cannot create column family " + n + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public TimerQueue timers() {
        return timers;
    }

    /** How many timers the queue holds on the heap (for tests: a bounded number, whatever the keys). */
    int bufferedTimers() {
        return timers.buffered();
    }

    /**
     * A consistent copy of all state in {@code target} (which must not exist yet): memtables are
     * flushed and the files hard-linked, so it costs little whatever the size of the state.
     */
    public void checkpoint(Path target) {
        stores.values().forEach(RocksStore::writeBack);
        timers.flush();
        try (Checkpoint c = Checkpoint.create(db)) {
            c.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot checkpoint the state to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stores.values().forEach(RocksStore::writeBack);
        stores.values().forEach(RocksStore::stopReadingAhead);
        background.shutdown();
        try {
            background.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.close();
        for (ColumnFamilyHandle h : families.values()) {
            h.close();
        }
        db.close();
        writeOptions.close();
        readAheadOptions.close();
        dbOptions.close();
        familyOptions.close();
        cache.close();
    }

    /**
     * Timers as keys of one column family: 8 bytes of time (sign bit flipped, so negative times
     * sort first), 4 of namespace, then the state key's UTF-16 code units, high byte first (so byte order is
     * {@code String.compareTo} order, as in memory). The next timers are read a batch at a time
     * into a buffer on the heap ({@link TimerHeap}), with one iterator; timers registered before the end of the
     * batch join the buffer as well as the disk. Fired timers are deleted with one range delete per
     * batch (and before a checkpoint), not one delete each: a seek and a delete per timer were most
     * of the time of a replay on RocksDB. New timers, too, are written a batch at a time.
     */
    private final class RocksTimers implements TimerQueue, AutoCloseable {
        private static final int BATCH = 4096;
        private static final int WRITTEN_PER_BATCH = 1024;
        /** Fired timers are deleted from the disk once this many have fired (and before a count, checkpoint or close). */
        private static final int DELETE_AFTER = 1 << 20;
        /**
         * Timers registered early enough join the buffer; past this many, the latest leave it (they
         * are on disk, and the next refill reads them again), so the heap holds a bounded number of
         * timers however many keys wait for one.
         */
        static final int BUFFERED_AT_MOST = 2 * BATCH;
        private static final byte[] FIRST = new byte[0];

        private final ColumnFamilyHandle family;
        /** The next timers, in a heap of primitive arrays (a tree of byte arrays cost a tenth of the engine thread). */
        private final TimerHeap buffer = new TimerHeap();
        /** The last key read into the buffer, or null when the last read reached the end (then every timer is buffered). */
        private byte[] bufferEnd;
        private boolean buffered;
        /**
         * The last timer taken; every timer up to it is fired. Kept as the timer, and encoded only
         * when a refill seeks past it or a range delete ends at it: not once per firing.
         */
        private Timer consumed;
        /** Timers fired and not yet deleted from the disk (a refill seeks past them, so they may wait). */
        private long firedUndeleted;
        private long size = -1;
        /**
         * Timer writes (puts, and range deletes of fired timers) not yet on disk, in the order made.
         * A put each was a fifth of the engine thread's time at millions of keys; the batch is written
         * when full and before anything reads the timers from the disk (a refill, a count, a checkpoint).
         */
        private final WriteBatch unwritten = new WriteBatch();

        RocksTimers(ColumnFamilyHandle family) {
            this.family = family;
        }

        @Override
        public void register(long time, int namespace, String key) {
            byte[] k = encode(time, namespace, key);
            // Timer.order is the order of the encoded keys: no need to encode the fired timer to compare.
            if (consumed != null
                    && Timer.order(time, namespace, key, consumed.time(), consumed.namespace(), consumed.key()) <= 0) {
                // Earlier than a timer already taken: the pending range delete must not cover it.
                deleteFired();
                consumed = null;
            }
            try {
                unwritten.put(family, k, FIRST);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
            if (unwritten.count() >= WRITTEN_PER_BATCH) {
                write();
            }
            if (buffered && (bufferEnd == null || compare(k, bufferEnd) <= 0)) {
                buffer.register(time, namespace, key);
                if (buffer.size() > BUFFERED_AT_MOST) {
                    Timer last = buffer.keepFirst(BATCH);
                    bufferEnd = encode(last.time(), last.namespace(), last.key());
                }
            }
            size = -1;
        }

        @Override
        public Timer peek() {
            if (buffer.size() == 0 && !(buffered && bufferEnd == null)) {
                refill();
            }
            return buffer.peek();
        }

        @Override
        public Timer poll() {
            Timer t = peek();
            if (t == null) {
                return null;
            }
            buffer.poll();
            consumed = t;
            firedUndeleted++;
            size = -1;
            return t;
        }

        private void refill() {
            // A range delete per refill made every seek slower than the last: RocksDB fragments the
            // memtable's range deletions again after each new one, and they piled up (seconds of
            // seeking at the end of a replay that fires millions of timers). The seek below skips
            // fired timers anyway; they go in one range delete per DELETE_AFTER.
            if (firedUndeleted >= DELETE_AFTER) {
                deleteFired();
            }
            write();
            buffer.clear();
            try (RocksIterator it = db.newIterator(family)) {
                if (consumed == null) {
                    it.seekToFirst();
                } else {
                    byte[] from = encode(consumed);
                    it.seek(from);
                    if (it.isValid() && compare(it.key(), from) == 0) {
                        it.next();
                    }
                }
                byte[] last = null;
                while (it.isValid() && buffer.size() < BATCH) {
                    last = it.key();
                    Timer t = decode(last);
                    buffer.register(t.time(), t.namespace(), t.key());
                    it.next();
                }
                bufferEnd = it.isValid() ? last : null;
            }
            buffered = true;
        }

        /** Deletes every fired timer from the disk in one range delete (queued after the writes before it). */
        private void deleteFired() {
            if (firedUndeleted == 0) {
                return;
            }
            byte[] upTo = encode(consumed);
            byte[] end = java.util.Arrays.copyOf(upTo, upTo.length + 1); // just after it
            try {
                unwritten.deleteRange(family, FIRST, end);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
            firedUndeleted = 0;
        }

        /** Puts every timer change made so far on the disk. */
        void flush() {
            deleteFired();
            write();
        }

        private void write() {
            if (unwritten.count() == 0) {
                return;
            }
            try {
                db.write(writeOptions, unwritten);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
            unwritten.clear();
        }

        /** How many timers are held on the heap (for tests). */
        int buffered() {
            return (int) buffer.size();
        }

        @Override
        public long size() {
            if (size < 0) {
                flush();
                long n = 0;
                try (RocksIterator it = db.newIterator(family)) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        n++;
                    }
                }
                size = n;
            }
            return size;
        }

        @Override
        public void close() {
            flush();
            unwritten.close();
        }

        private byte[] encode(Timer t) {
            return encode(t.time(), t.namespace(), t.key());
        }

        private byte[] encode(long time, int namespace, String key) {
            // The key as its UTF-16 code units, high byte first (a buffer's chars), not through a
            // charset: an encoder would replace a lone surrogate, and make two arrays more.
            ByteBuffer b = ByteBuffer.allocate(12 + 2 * key.length()).putLong(time ^ Long.MIN_VALUE)
                    .putInt(namespace ^ Integer.MIN_VALUE);
            b.asCharBuffer().put(key);
            return b.array();
        }

        private Timer decode(byte[] k) {
            ByteBuffer b = ByteBuffer.wrap(k);
            long time = b.getLong() ^ Long.MIN_VALUE;
            int namespace = b.getInt() ^ Integer.MIN_VALUE;
            return new Timer(time, namespace, b.asCharBuffer().toString()); // code unit for code unit
        }

        private int compare(byte[] a, byte[] b) {
            return java.util.Arrays.compareUnsigned(a, b);
        }
    }
}
