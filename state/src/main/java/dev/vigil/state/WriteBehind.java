package dev.vigil.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Writes for one disk-backed store, off the engine thread. Values that leave the heap cache (and
 * deletes) are queued in batches; a background thread encodes each batch and writes it in one
 * RocksDB write batch. The engine thread hands a value over and does not touch it again: a key
 * read again before its write is done waits for that write (the object may be being encoded), then
 * has its value back. Batches are written in the order they were queued, on the same thread as the
 * store's reads ahead, so a read queued after a write sees it.
 *
 * <p>Only the engine thread calls these methods.
 */
final class WriteBehind<V> {
    static final int BATCH = 256;

    /**
     * What the key held when it was handed over ({@code value} null for a delete), and whether it
     * is on disk now ({@code written}) or its write was called off (the disk still differs).
     */
    record Handed<V>(V value, boolean written) {}

    private static final class Batch<V> {
        final List<String> keys = new ArrayList<>(BATCH);
        /** Null for a delete. */
        final List<V> values = new ArrayList<>(BATCH);
        CompletableFuture<Void> done;
    }

    private final BiConsumer<List<String>, List<V>> writer;
    private final Executor executor;
    /** Keys handed over and maybe not written yet, with the batch holding their newest write. */
    private final Map<String, Batch<V>> unwritten = new HashMap<>();
    /** Batches given to the background thread, oldest first. */
    private final ArrayDeque<Batch<V>> submitted = new ArrayDeque<>();
    private Batch<V> filling = new Batch<>();

    /** {@code writer} encodes and writes a batch (a null value deletes its key), on {@code executor}. */
    WriteBehind(BiConsumer<List<String>, List<V>> writer, Executor executor) {
        this.writer = writer;
        this.executor = executor;
    }

    /** Writes the value (null: deletes the key); the caller gives the object up. */
    void write(String key, V value) {
        filling.keys.add(key);
        filling.values.add(value);
        unwritten.put(key, filling);
        if (filling.keys.size() == BATCH) {
            submit();
        }
    }

    /** Whether a write of the key may still be on its way. */
    boolean pending(String key) {
        return unwritten.containsKey(key);
    }

    /**
     * The value last handed over for the key, or null when nothing for the key is on its way (the
     * disk has its latest value). A write not yet given to the background thread is called off;
     * one given to it is waited for (the object may be being encoded).
     */
    Handed<V> reclaim(String key) {
        Batch<V> b = unwritten.remove(key);
        if (b == null) {
            return null;
        }
        int at = b.keys.lastIndexOf(key);
        if (b == filling) {
            b.keys.remove(at);
            return new Handed<>(b.values.remove(at), false);
        }
        join(b);
        return new Handed<>(b.values.get(at), true);
    }

    /** Writes everything handed over and waits until it is on disk. */
    void flush() {
        if (!filling.keys.isEmpty()) {
            submit();
        }
        while (!submitted.isEmpty()) {
            Batch<V> b = submitted.pollFirst();
            join(b);
            forgetWritten(b);
        }
    }

    private void submit() {
        Batch<V> b = filling;
        filling = new Batch<>();
        List<String> keys = List.copyOf(b.keys);
        List<V> values = b.values;
        b.done = CompletableFuture.runAsync(() -> writer.accept(keys, values), executor);
        submitted.addLast(b);
        // Batches written by now leave the map, so that it holds only what may be on its way.
        while (!submitted.isEmpty() && submitted.peekFirst().done.isDone()) {
            Batch<V> done = submitted.pollFirst();
            join(done); // a failed write surfaces here, on the engine thread
            forgetWritten(done);
        }
    }

    private void forgetWritten(Batch<V> b) {
        for (String k : b.keys) {
            unwritten.remove(k, b);
        }
    }

    private static void join(Batch<?> b) {
        try {
            b.done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
