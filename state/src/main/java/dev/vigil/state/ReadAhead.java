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
 * arrive, before the watermark lets them through) are read in chunks, one multi-get each, on a
 * background thread, so that the engine thread finds them in memory instead of waiting for the
 * disk: with millions of keys nearly every event's key has left the heap cache.
 *
 * <p>Chunks are read in the order of their hints, at most {@code limit} keys ahead of the engine:
 * a dense stream can hint more keys than that while its events wait for the watermark, and
 * reading them all at once would only fill the heap. Only the engine thread calls these methods;
 * the background thread only reads. A value read ahead is a copy of the disk at some
 * moment after its hint: the store {@link #forget forgets} a key whenever it writes or deletes it,
 * so a value older than the store's own last write is never used.
 */
final class ReadAhead<V> {
    static final int CHUNK = 64;

    /** A value read ahead; {@code value} is null when the key had none. */
    record Read<V>(V value) {}

    private static final class Chunk<V> {
        final List<String> keys = new ArrayList<>(CHUNK);
        /** Its keys still pending: once none is, the chunk and its values go. */
        int waiting;
        /** Set when the chunk is given to the background thread. */
        CompletableFuture<List<V>> values;
    }

    private final Function<List<String>, List<V>> reader;
    private final Executor executor;
    private final int limit;
    /** Keys hinted and not yet taken or forgotten, with the chunk that reads them. */
    private final Map<String, Chunk<V>> pending = new HashMap<>();
    /** Full chunks waiting for their turn to be read, oldest first. */
    private final ArrayDeque<Chunk<V>> queued = new ArrayDeque<>();
    /** Chunks given to the background thread with keys still pending, oldest first. */
    private final ArrayDeque<Chunk<V>> reading = new ArrayDeque<>();
    /** Pending keys of the chunks in {@link #reading}. */
    private int ahead;
    private Chunk<V> filling;

    /** {@code reader} reads a chunk of keys (null for a key without a value), on {@code executor}. */
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
            queued.addLast(filling);
            filling = null;
            readOn();
        }
        // A safety bound only: keys hinted but never read (their events never processed) give way.
        while (pending.size() > 16 * limit && !(reading.isEmpty() && queued.isEmpty())) {
            Chunk<V> oldest = reading.isEmpty() ? queued.pollFirst() : reading.pollFirst();
            for (String k : oldest.keys) {
                if (pending.remove(k, oldest) && oldest.values != null) {
                    ahead--;
                }
            }
        }
    }

    /** Gives queued chunks to the background thread while fewer than {@code limit} keys are read ahead. */
    private void readOn() {
        while (ahead < limit && !queued.isEmpty()) {
            read(queued.pollFirst());
        }
    }

    private void read(Chunk<V> c) {
        List<String> keys = List.copyOf(c.keys);
        c.values = CompletableFuture.supplyAsync(() -> reader.apply(keys), executor);
        reading.addLast(c);
        ahead += c.waiting;
    }

    /**
     * The key's value as read ahead, waiting for its chunk if it is still being read (or reading it
     * now if its turn has not come); null when the key was not hinted, or was forgotten since (then
     * the caller reads it itself).
     */
    Read<V> take(String key) {
        Chunk<V> c = pending.remove(key);
        if (c == null) {
            return null;
        }
        if (c.values == null) {
            if (c == filling) {
                filling = null;
            } else {
                queued.remove(c);
            }
            read(c); // needed now
        }
        release(c);
        readOn();
        try {
            return new Read<>(c.values.join().get(indexOf(c.keys, key)));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The key's place in a chunk: the engine takes a key by the very string it hinted (an event's
     * field), so looking for that string first spares comparing a chunk's other keys character by
     * character.
     */
    private static int indexOf(List<String> keys, String key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) == key) {
                return i;
            }
        }
        return keys.indexOf(key);
    }

    /** The store is writing or deleting the key: what was read ahead for it may be out of date. */
    void forget(String key) {
        Chunk<V> c = pending.remove(key);
        if (c != null) {
            release(c);
        }
    }

    /** A key of the chunk is no longer pending; read chunks with none pending leave. */
    private void release(Chunk<V> c) {
        c.waiting--;
        if (c.values != null) {
            ahead--;
            while (!reading.isEmpty() && reading.peekFirst().waiting == 0) {
                reading.pollFirst();
            }
        }
    }

    /** Waits for the chunks being read and drops everything hinted. */
    void clear() {
        for (Chunk<V> c : reading) {
            c.values.exceptionally(e -> null).join();
        }
        reading.clear();
        queued.clear();
        pending.clear();
        ahead = 0;
        filling = null;
    }
}
