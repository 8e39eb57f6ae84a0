package dev.vigil.state;

/**
 * Event-time timers: "wake key K of namespace N at time T". The engine registers one per key for
 * its earliest deadline ({@code within}, absence timeouts) and fires them as the watermark passes.
 */
public interface TimerQueue {
    record Timer(long time, int namespace, String key) {
        /**
         * The order timers fire in: by time, then namespace, then key ({@code String.compareTo}), so
         * that timers due together fire in the same order on every run and in every backend.
         */
        public static int order(long time, int namespace, String key, long otherTime, int otherNamespace, String otherKey) {
            int c = Long.compare(time, otherTime);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(namespace, otherNamespace);
            return c != 0 ? c : key.compareTo(otherKey);
        }
    }

    /** Registers a timer; registering the same (time, namespace, key) twice fires it once. */
    void register(long time, int namespace, String key);

    /** The earliest timer, without removing it, or null. */
    Timer peek();

    /** Removes and returns the earliest timer, or null. */
    Timer poll();

    /** Queued timers (an implementation may count queued duplicates). */
    long size();
}
