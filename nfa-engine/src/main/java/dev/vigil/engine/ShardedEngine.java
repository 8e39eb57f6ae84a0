package dev.vigil.engine;

import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.schema.Event;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.engine.nfa.Match;
import dev.vigil.state.StateBackend;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Several {@link Engine}s, each on a thread of its own and owning a share of the keys
 * ({@link KeyShard}), behind the calls of one. Each batch of input goes to every shard: each one
 * sees every event's time (so all keep one watermark and call the same events late) and processes
 * the events of its keys. Their results are merged by {@link OutputOrder} and handed to the
 * {@link Outputs} on the caller's thread, batch after batch, in the order one engine would have
 * given them: the output does not depend on the number of shards. Shards work on up to
 * {@value #IN_FLIGHT} batches while the caller reads the next.
 *
 * <p>With one shard it is the engine itself, on the caller's thread.
 */
public final class ShardedEngine implements AutoCloseable {
    private static final int IN_FLIGHT = 8;
    /** What a shard is sent to stop its thread. */
    private static final Batch STOP = new Batch(0, false);

    private final Engine[] engines;
    private final Shard[] shards;
    private final Outputs outputs;
    private final int partitions;
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    private Batch filling;

    /** One shard per state backend: shard i keeps its keys in {@code states.get(i)}. */
    public ShardedEngine(List<RuleProgram> rules, List<EventSchema> schemas, int partitions, EngineConfig config,
                         List<StateBackend> states, Outputs outputs) {
        this.outputs = outputs;
        this.partitions = partitions;
        int count = states.size();
        this.engines = new Engine[count];
        if (count == 1) {
            this.shards = null;
            engines[0] = new Engine(rules, schemas, partitions, config, states.get(0), outputs);
            return;
        }
        this.shards = new Shard[count];
        for (int i = 0; i < count; i++) {
            shards[i] = new Shard(i);
            engines[i] = new Engine(rules, schemas, partitions, config, states.get(i), shards[i].results,
                    new KeyShard(i, count));
        }
        for (Shard s : shards) {
            s.thread.start();
        }
        this.filling = new Batch(count, false);
    }

    public int shards() {
        return engines.length;
    }

    /** Offers a decoded event from an input partition (see {@link Engine#accept}). */
    public void accept(int partition, Event e) {
        if (shards == null) {
            engines[0].accept(partition, e);
        } else {
            filling.add(partition, e);
        }
    }

    /** A partition has ended or gone idle. */
    public void finishPartition(int partition) {
        if (shards == null) {
            engines[0].finishPartition(partition);
        } else {
            filling.add(partition, null);
        }
    }

    /**
     * Processes everything the watermark has passed: at once with one shard; with several, the
     * batch goes to the shards and its results come out by a later call (at the latest by
     * {@link #drain}).
     */
    public void advance() {
        if (shards == null) {
            engines[0].advance();
            return;
        }
        send(filling);
        filling = new Batch(shards.length, false);
        while (!inFlight.isEmpty() && (inFlight.size() > IN_FLIGHT || inFlight.peek().done.getCount() == 0)) {
            emit(inFlight.poll());
        }
    }

    /** Waits until every batch sent is processed and its results are out. */
    public void drain() {
        if (shards != null) {
            while (!inFlight.isEmpty()) {
                emit(inFlight.poll());
            }
        }
    }

    /** End of a bounded input (see {@link Engine#finish}); every result is out when it returns. */
    public void finish() {
        if (shards == null) {
            engines[0].finish(partitions);
            return;
        }
        send(filling);
        Batch last = new Batch(shards.length, true);
        send(last);
        filling = new Batch(shards.length, false);
        drain();
    }

    /** The engines' snapshots, one per shard, as of everything sent so far (see {@link Engine#snapshot}). */
    public List<byte[]> snapshot() {
        drain();
        return Arrays.stream(engines).map(Engine::snapshot).toList();
    }

    /** Puts back what {@link #snapshot} gave, shard by shard. */
    public void restore(List<byte[]> snapshots) {
        if (snapshots.size() != engines.length) {
            throw new IllegalStateException("a snapshot of " + snapshots.size() + " engine shards cannot resume a run of "
                    + engines.length);
        }
        drain();
        for (int i = 0; i < engines.length; i++) {
            engines[i].restore(snapshots.get(i));
        }
    }

    /**
     * The counts of the whole run. Every shard sees every event, so each counts the same events
     * accepted and late: those of the first are the run's; matches and drops add up over shards.
     */
    public EngineCounters counters() {
        drain();
        EngineCounters all = new EngineCounters();
        EngineCounters first = engines[0].counters();
        all.accepted = first.accepted;
        all.late = first.late;
        for (Engine engine : engines) {
            EngineCounters c = engine.counters();
            all.partialsDropped += c.partialsDropped;
            c.matchesByRule.forEach((rule, n) -> all.matchesByRule.merge(rule, n, Long::sum));
        }
        return all;
    }

    @Override
    public void close() {
        if (shards == null) {
            return;
        }
        try {
            for (Shard s : shards) {
                s.queue.put(STOP); // after the batches queued before it: a shard keeps taking until it sees it
            }
            for (Shard s : shards) {
                s.thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Batch batch) {
        for (Shard s : shards) {
            try {
                s.queue.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing a batch to the engine shards", e);
            }
        }
        inFlight.add(batch);
    }

    /** Waits for a batch, then hands its results out in one engine's order. */
    private void emit(Batch batch) {
        try {
            batch.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine shards", e);
        }
        for (Results r : batch.results) {
            if (r.failure != null) {
                close();
                if (r.failure instanceof RuntimeException re) {
                    throw re;
                }
                if (r.failure instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(r.failure);
            }
        }
        Results late = batch.results[0]; // every shard finds the same events late
        for (int i = 0; i < late.lateEvents.size(); i++) {
            outputs.late(late.lateEvents.get(i), late.lateReasons.get(i));
        }
        int[] next = new int[batch.results.length];
        while (true) {
            int from = -1;
            for (int s = 0; s < batch.results.length; s++) {
                Results r = batch.results[s];
                if (next[s] < r.matches.size()
                        && (from < 0 || r.orders.get(next[s]).compareTo(batch.results[from].orders.get(next[from])) < 0)) {
                    from = s;
                }
            }
            if (from < 0) {
                return;
            }
            outputs.match(batch.results[from].matches.get(next[from]++));
        }
    }

    /** Input for the shards: events and ended partitions in arrival order, or the end of the input. */
    private static final class Batch {
        private int[] partitions = new int[1024];
        /** Null where a partition ended. */
        private Event[] events = new Event[1024];
        private int size;
        private final boolean end;
        private final Results[] results;
        private final CountDownLatch done;

        Batch(int shards, boolean end) {
            this.end = end;
            this.results = new Results[shards];
            this.done = new CountDownLatch(shards);
        }

        void add(int partition, Event e) {
            if (size == events.length) {
                partitions = Arrays.copyOf(partitions, size * 2);
                events = Arrays.copyOf(events, size * 2);
            }
            partitions[size] = partition;
            events[size++] = e;
        }
    }

    /** What one shard gave for one batch, with where each match stands in one engine's order. */
    private static final class Results {
        final List<Match> matches = new ArrayList<>();
        final List<OutputOrder> orders = new ArrayList<>();
        final List<Event> lateEvents = new ArrayList<>();
        final List<String> lateReasons = new ArrayList<>();
        Throwable failure;
    }

    /** A shard's thread: it runs each batch sent to it through its engine. */
    private final class Shard implements Runnable {
        final int index;
        final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(IN_FLIGHT + 2);
        final Thread thread;
        final Collector results;

        Shard(int index) {
            this.index = index;
            this.results = new Collector(index);
            this.thread = new Thread(this, "engine-shard-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Batch batch;
                try {
                    batch = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (batch == STOP) {
                    return;
                }
                Results current = results.start();
                try {
                    Engine engine = engines[index];
                    for (int i = 0; i < batch.size; i++) {
                        Event e = batch.events[i];
                        if (e == null) {
                            engine.finishPartition(batch.partitions[i]);
                        } else {
                            engine.accept(batch.partitions[i], e);
                        }
                    }
                    if (batch.end) {
                        engine.finish(partitions);
                    } else {
                        engine.advance();
                    }
                } catch (Throwable t) {
                    current.failure = t;
                }
                batch.results[index] = current;
                batch.done.countDown();
            }
        }
    }

    /** The outputs of a shard's engine: what it gives for the batch at hand, with where each match stands. */
    private final class Collector implements Outputs {
        private final int index;
        private Results current;

        Collector(int index) {
            this.index = index;
        }

        /** The results of the next batch, collected from now on. */
        Results start() {
            current = new Results();
            return current;
        }

        @Override
        public void match(Match match) {
            current.matches.add(match);
            current.orders.add(engines[index].position());
        }

        @Override
        public void late(Event event, String reason) {
            if (index == 0) { // every shard finds the same events late: the first one's are the run's
                current.lateEvents.add(event);
                current.lateReasons.add(reason);
            }
        }
    }
}
