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
    /**
     * What the key held when it was handed over ({@code value} null for a delete), and whether it
     * is on disk now ({@code written}) or its write was called off (the disk still differs).
     */
    record Handed<V>(V value, boolean written) {}

    private static final class Batch<V> {
        /** A key called off before the batch was submitted is null here (and its value too). */
        final List<String> keys = new ArrayList<>();
        /** Null for a delete. */
        final List<V> values = new ArrayList<>();
        CompletableFuture<Void> done;
    }

    /** Where a key's newest write waits: its batch, and its place there. */
    private record Place<V>(Batch<V> batch, int at) {}

    private final BiConsumer<List<String>, List<V>> writer;
    private final Executor executor;
    /** Keys handed over and maybe not written yet, with where their newest write is. */
    private final Map<String, Place<V>> unwritten = new HashMap<>();
    /** Batches given to the background thread, oldest first. */
    private final ArrayDeque<Batch<V>> submitted = new ArrayDeque<>();
    private Batch<V> filling = new Batch<>();
    private final int batch;

    /**
     * {@code writer} encodes and writes a batch of at most {@code batch} keys (a null key is to be
     * skipped; a null value deletes its key; of a key given twice, the later write wins), on
     * {@code executor}.
     */
    WriteBehind(BiConsumer<List<String>, List<V>> writer, Executor executor, int batch) {
        this.writer = writer;
        this.executor = executor;
        this.batch = batch;
    }

    /** Writes the value (null: deletes the key); the caller gives the object up. */
    void write(String key, V value) {
        unwritten.put(key, new Place<>(filling, filling.keys.size()));
        filling.keys.add(key);
        filling.values.add(value);
        if (filling.keys.size() == batch) {
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
        Place<V> p = unwritten.remove(key);
        if (p == null) {
            return null;
        }
        Batch<V> b = p.batch();
        if (b == filling) {
            b.keys.set(p.at(), null);
            return new Handed<>(b.values.set(p.at(), null), false);
        }
        join(b);
        return new Handed<>(b.values.get(p.at()), true);
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
        // Not changed from here on (a write is called off only in the filling batch): the background
        // thread reads the lists as they are.
        b.done = CompletableFuture.runAsync(() -> writer.accept(b.keys, b.values), executor);
        submitted.addLast(b);
        // Batches written by now leave the map, so that it holds only what may be on its way.
        while (!submitted.isEmpty() && submitted.peekFirst().done.isDone()) {
            Batch<V> done = submitted.pollFirst();
            join(done); // a failed write surfaces here, on the engine thread
            forgetWritten(done);
        }
    }

    private void forgetWritten(Batch<V> b) {
        for (int i = 0; i < b.keys.size(); i++) {
            String k = b.keys.get(i);
            if (k != null) {
                unwritten.remove(k, new Place<>(b, i)); // only if its newest write is this one
            }
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
