package dev.vigil.engine.replay;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.decode.EventDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The replay's input stage: reads NDJSON inputs in turns (a line from each partition in turn, so
 * no partition runs ahead), decodes each record, and hands the results over in batches, in that
 * order, on a thread of its own. Decoding is a fifth of a replay's work and needs no state of
 * the engine, so it runs beside it. Blank lines are skipped; the arrival sequence counts the rest.
 */
public final class DecodingReader implements AutoCloseable {
    /** What a line became, in input order. */
    public sealed interface Item permits Decoded, Refused, Ended {}

    public record Decoded(int partition, Event event) implements Item {}

    /** A record the decoder refused: where it was, as read, and why. */
    public record Refused(int partition, long line, String record, String reason) implements Item {}

    /** A partition has no more lines. */
    public record Ended(int partition) implements Item {}

    private static final List<Item> END = List.of();

    /** A batch, or the failure that stopped reading. */
    private record Handover(List<Item> items, IOException failure) {}

    private final List<BufferedReader> readers;
    private final List<String> names;
    private final EventDecoder decoder;
    private final int batchSize;
    private final BlockingQueue<Handover> queue = new ArrayBlockingQueue<>(16);
    private final Thread thread;

    public DecodingReader(List<BufferedReader> readers, List<String> names, EventDecoder decoder, int batchSize) {
        this.readers = List.copyOf(readers);
        this.names = List.copyOf(names);
        this.decoder = decoder;
        this.batchSize = batchSize;
        this.thread = new Thread(this::readAll, "replay-decoder");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch in input order; an empty list once every input has ended. */
    public List<Item> next() throws IOException {
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
        return h.items();
    }

    private void readAll() {
        try {
            long sequence = 0;
            long[] lines = new long[readers.size()];
            boolean[] done = new boolean[readers.size()];
            int open = readers.size();
            List<Item> batch = new ArrayList<>(batchSize);
            while (open > 0) {
                for (int p = 0; p < readers.size(); p++) {
                    if (done[p]) {
                        continue;
                    }
                    String line = readers.get(p).readLine();
                    if (line == null) {
                        done[p] = true;
                        open--;
                        batch.add(new Ended(p));
                        continue;
                    }
                    lines[p]++;
                    if (line.isBlank()) {
                        continue;
                    }
                    EventDecoder.Result r = decoder.decode(line, ++sequence, names.get(p), lines[p]);
                    batch.add(r instanceof EventDecoder.Decoded d ? new Decoded(p, d.event())
                            : new Refused(p, lines[p], line, ((EventDecoder.Refused) r).reason()));
                    if (batch.size() == batchSize) {
                        queue.put(new Handover(batch, null));
                        batch = new ArrayList<>(batchSize);
                    }
                }
            }
            if (!batch.isEmpty()) {
                queue.put(new Handover(batch, null));
            }
            queue.put(new Handover(END, null));
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
