package dev.vigil.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Reads ahead for one disk-backed store. Keys the engine will read soon (hinted when their events
 * arrive, well before the watermark lets them through) are read in chunks, one multi-get each, and
 * decoded on a background thread, so that the engine thread finds them decoded instead of waiting
 * for the disk: with millions of keys nearly every event's key has left the heap cache.
 *
 * <p>Only the engine thread calls these methods; the background thread only reads and decodes. A
 * value read ahead is a copy of the disk at some moment after its hint: the store {@link #forget
 * forgets} a key whenever it writes or deletes it, so a value older than the store's own last write
 * is never used. At most {@code limit} keys wait at a time; the oldest hints give way to new ones.
 */
final class ReadAhead<V> {
    static final int CHUNK = 64;

    /** A value read ahead; {@code value} is null when the key had none. */
    record Read<V>(V value) {}

    private static final class Chunk<V> {
        final List<String> keys = new ArrayList<>(CHUNK);
        /** Its keys still pending: once none is, the chunk and its values go. */
        int waiting;
        CompletableFuture<List<V>> values;
    }

    private final Function<List<String>, List<V>> reader;
    private final Executor executor;
    private final int limit;
    /** Keys hinted and not yet taken or forgotten, with the chunk that reads them. */
    private final Map<String, Chunk<V>> pending = new HashMap<>();
    /** Dispatched chunks, oldest first. */
    private final ArrayDeque<Chunk<V>> chunks = new ArrayDeque<>();
    private Chunk<V> filling;

    /** {@code reader} reads and decodes a chunk of keys (null for a key without a value), on {@code executor}. */
    ReadAhead(Function<List<String>, List<V>> reader, Executor executor, int limit) {
        this.reader = reader;
        this.executor = executor;
        this.limit = Math.max(limit, CHUNK);
    }

    /** The key will be read soon. */
    void hint(String key) {
        if (pending.containsKey(key)) {
            return;
        }
        if (filling == null) {
            filling = new Chunk<>();
        }
        filling.keys.add(key);
        filling.waiting++;
        pending.put(key, filling);
        if (filling.keys.size() == CHUNK) {
            dispatch();
        }
        // Bounded both ways: by keys waiting, and by chunks kept for a key that never came to be read.
        while ((pending.size() > limit || chunks.size() > 2 * limit / CHUNK) && !chunks.isEmpty()) {
            Chunk<V> oldest = chunks.pollFirst();
            for (String k : oldest.keys) {
                pending.remove(k, oldest);
            }
        }
    }

    /** A key of the chunk is no longer pending; chunks with none pending leave the front of the queue. */
    private void release(Chunk<V> c) {
        c.waiting--;
        while (!chunks.isEmpty() && chunks.peekFirst().waiting == 0) {
            chunks.pollFirst();
        }
    }

    private void dispatch() {
        Chunk<V> c = filling;
        filling = null;
        List<String> keys = List.copyOf(c.keys);
        c.values = CompletableFuture.supplyAsync(() -> reader.apply(keys), executor);
        chunks.addLast(c);
    }

    /**
     * The key's value as read ahead, waiting for its chunk if it is still being read; null when
     * the key was not hinted, or was forgotten since (then the caller reads it itself).
     */
    Read<V> take(String key) {
        Chunk<V> c = pending.remove(key);
        if (c == null) {
            return null;
        }
        if (c == filling) {
            dispatch(); // needed now: read what has been hinted so far in one go
        }
        release(c);
        try {
            return new Read<>(c.values.join().get(c.keys.indexOf(key)));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The store is writing or deleting the key: what was read ahead for it may be out of date. */
    void forget(String key) {
        Chunk<V> c = pending.remove(key);
        if (c != null && c != filling) {
            release(c);
        } else if (c != null) {
            c.waiting--;
        }
    }

    /** Waits for the chunks being read and drops everything read ahead. */
    void clear() {
        for (Chunk<V> c : chunks) {
            c.values.exceptionally(e -> null).join();
        }
        chunks.clear();
        pending.clear();
        filling = null;
    }
}
