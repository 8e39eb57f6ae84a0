package dev.vigil.state;

/**
 * A binary heap of timers, ordered by (time, namespace, key) so that timers due together fire
 * in the same order on every run. The heap lives in parallel arrays, so a sift compares
 * neighbouring {@code long}s instead of chasing one object per timer through memory.
 * Registering a timer that is already queued adds a duplicate; it fires once. The in-memory
 * backend's timer queue, and the RocksDB queue's buffer of next timers.
 */
final class TimerHeap implements TimerQueue {
    private long[] times = new long[1024];
    private int[] namespaces = new int[1024];
    private String[] keys = new String[1024];
    private int size;
    /** The earliest timer as an object, made once: the engine peeks before every event. */
    private Timer head;

    @Override
    public void register(long time, int namespace, String key) {
        if (size == times.length) {
            times = java.util.Arrays.copyOf(times, size * 2);
            namespaces = java.util.Arrays.copyOf(namespaces, size * 2);
            keys = java.util.Arrays.copyOf(keys, size * 2);
        }
        head = null;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (compare(time, namespace, key, parent) >= 0) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, namespace, key);
    }

    @Override
    public Timer peek() {
        if (head == null && size > 0) {
            head = new Timer(times[0], namespaces[0], keys[0]);
        }
        return head;
    }

    @Override
    public Timer poll() {
        if (size == 0) {
            return null;
        }
        Timer t = peek();
        removeFirst();
        // Drop queued duplicates of the timer just taken.
        while (size > 0 && times[0] == t.time() && namespaces[0] == t.namespace() && keys[0].equals(t.key())) {
            removeFirst();
        }
        return t;
    }

    private void removeFirst() {
        head = null;
        int last = --size;
        long time = times[last];
        int namespace = namespaces[last];
        String key = keys[last];
        keys[last] = null;
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && compare(times[right], namespaces[right], keys[right], child) < 0) {
                child = right;
            }
            if (compare(time, namespace, key, child) <= 0) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (size > 0) {
            set(i, time, namespace, key);
        }
    }

    /** Compares a timer with the one at heap position {@code at}. */
    private int compare(long time, int namespace, String key, int at) {
        return Timer.order(time, namespace, key, times[at], namespaces[at], keys[at]);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        namespaces[to] = namespaces[from];
        keys[to] = keys[from];
    }

    private void set(int at, long time, int namespace, String key) {
        times[at] = time;
        namespaces[at] = namespace;
        keys[at] = key;
    }

    @Override
    public long size() {
        return size;
    }

    /** Forgets every timer. */
    void clear() {
        java.util.Arrays.fill(keys, 0, size, null);
        size = 0;
        head = null;
    }

    /**
     * Keeps only the earliest {@code n} timers (fewer when some are queued twice) and returns the
     * latest of those kept, or null when the heap is empty.
     */
    Timer keepFirst(int n) {
        long[] t = new long[Math.max(n, 16)];
        int[] ns = new int[t.length];
        String[] k = new String[t.length];
        int kept = 0;
        while (kept < n && size > 0) {
            Timer first = poll();
            t[kept] = first.time();
            ns[kept] = first.namespace();
            k[kept] = first.key();
            kept++;
        }
        // Ascending order is a valid heap.
        times = t;
        namespaces = ns;
        keys = k;
        size = kept;
        head = null;
        return kept == 0 ? null : new Timer(t[kept - 1], ns[kept - 1], k[kept - 1]);
    }
}
