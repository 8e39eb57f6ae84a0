package dev.vigil.engine.replay;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.decode.EventDecoder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The replay's input stage: reads NDJSON inputs in turns (a line from each partition in turn, so
 * no partition runs ahead), decodes each record, and hands the results over in batches, in that
 * order, on a thread of its own. Decoding is a fifth of a replay's work and needs no state of
 * the engine, so it runs beside it. Lines are read and parsed as bytes ({@link LineReader}). Blank
 * lines (ASCII blanks only) are skipped, each taking its input's turn; the arrival sequence counts
 * the rest. Each batch carries the {@link Position} after it, for snapshots.
 */
public final class DecodingReader implements AutoCloseable {
    /** What a line became, in input order. */
    public sealed interface Item permits Decoded, Refused, Ended {}

    public record Decoded(int partition, Event event) implements Item {}

    /** A record the decoder refused: where it was, as read, and why. */
    public record Refused(int partition, long line, String record, String reason) implements Item {}

    /** A partition has no more lines. */
    public record Ended(int partition) implements Item {}

    /**
     * Where reading stands after a batch: lines taken from each input (blank ones too), which
     * inputs have ended, whose turn is next, and the last arrival sequence given. A replay resumed
     * from it reads exactly what an uninterrupted one would have read next.
     */
    public record Position(long[] lines, boolean[] done, int nextTurn, long sequence) {
        public static Position start(int inputs) {
            return new Position(new long[inputs], new boolean[inputs], 0, 0);
        }
    }

    /** Items in input order, and the position after the last of them; no items once every input has ended. */
    public record Batch(List<Item> items, Position position) {
        public boolean isEnd() {
            return items.isEmpty();
        }
    }

    /** A batch, or the failure that stopped reading. */
    private record Handover(Batch batch, IOException failure) {}

    private final List<LineReader> readers;
    private final List<String> names;
    private final EventDecoder decoder;
    private final int batchSize;
    private final BlockingQueue<Handover> queue = new ArrayBlockingQueue<>(16);
    private final Position from;
    private final Thread thread;

    /** Reads from the start of every input. */
    public DecodingReader(List<LineReader> readers, List<String> names, EventDecoder decoder, int batchSize) {
        this(readers, names, decoder, batchSize, Position.start(readers.size()));
    }

    /** Reads on from {@code from}: the lines it has taken are skipped unread. */
    public DecodingReader(List<LineReader> readers, List<String> names, EventDecoder decoder, int batchSize,
                          Position from) {
        this.readers = List.copyOf(readers);
        this.names = List.copyOf(names);
        this.decoder = decoder;
        this.batchSize = batchSize;
        this.from = from;
        this.thread = new Thread(this::readAll, "replay-decoder");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch in input order; an empty one once every input has ended. */
    public Batch next() throws IOException {
        Handover h;
        try {
            h = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for input");
        }
        if (h.failure() != null) {
            throw h.failure();
        }
        return h.batch();
    }

    private void readAll() {
        try {
            int n = readers.size();
            long sequence = from.sequence();
            long[] lines = from.lines().clone();
            boolean[] done = from.done().clone();
            int open = 0;
            for (int p = 0; p < n; p++) {
                for (long skipped = 0; skipped < lines[p]; skipped++) {
                    readers.get(p).next();
                }
                open += done[p] ? 0 : 1;
            }
            List<Item> batch = new ArrayList<>(batchSize);
            int p = from.nextTurn();
            while (open > 0) {
                if (!done[p]) {
                    LineReader in = readers.get(p);
                    if (!in.next()) {
                        done[p] = true;
                        open--;
                        batch.add(new Ended(p));
                    } else {
                        lines[p]++;
                        if (!in.isBlank()) {
                            EventDecoder.Result r = decoder.decode(in.buffer(), in.offset(), in.length(), ++sequence,
                                    names.get(p), lines[p]);
                            batch.add(r instanceof EventDecoder.Decoded d ? new Decoded(p, d.event())
                                    : new Refused(p, lines[p], new String(in.buffer(), in.offset(), in.length(),
                                    StandardCharsets.UTF_8), ((EventDecoder.Refused) r).reason()));
                        }
                    }
                }
                p = (p + 1) % n;
                if (batch.size() == batchSize || open == 0 && !batch.isEmpty()) {
                    queue.put(new Handover(new Batch(batch, new Position(lines.clone(), done.clone(), p, sequence)), null));
                    batch = new ArrayList<>(batchSize);
                }
            }
            queue.put(new Handover(new Batch(List.of(), new Position(lines, done, p, sequence)), null));
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            queue.offer(new Handover(null, io));
        } catch (InterruptedException e) {
            // closed: nobody waits for the rest
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
