package dev.vigil.simulator.produce;

/**
 * When each record of a stream is due, relative to the start of sending: as fast as possible, at
 * a fixed number of records a second, or at event-time speed multiplied by a factor (a record is
 * due when as much wall time has passed, divided by the factor, as event time since the first
 * record; one behind the latest time seen is due at once).
 */
public sealed interface Pacing {
    /**
     * Nanoseconds after the start at which record {@code index} (from 0) is due; {@code eventTime}
     * is its event time in milliseconds, or {@code Long.MIN_VALUE} when it has none.
     */
    long dueNanos(long index, long eventTime);

    record AsFastAsPossible() implements Pacing {
        public long dueNanos(long index, long eventTime) {
            return 0;
        }
    }

    record FixedRate(double perSecond) implements Pacing {
        public FixedRate {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("the rate must be above 0 records a second");
            }
        }

        public long dueNanos(long index, long eventTime) {
            return (long) (index * 1e9 / perSecond);
        }
    }

    /** Event-time speed times {@code factor}; keeps the first and latest event times it has seen. */
    final class Speedup implements Pacing {
        private final double factor;
        private long first = Long.MIN_VALUE;
        private long latest = Long.MIN_VALUE;

        public Speedup(double factor) {
            if (!(factor > 0)) {
                throw new IllegalArgumentException("the speed-up must be above 0");
            }
            this.factor = factor;
        }

        public long dueNanos(long index, long eventTime) {
            if (eventTime == Long.MIN_VALUE) {
                return latest == Long.MIN_VALUE ? 0 : (long) ((latest - first) * 1e6 / factor);
            }
            if (first == Long.MIN_VALUE) {
                first = eventTime;
            }
            latest = Math.max(latest, eventTime);
            return (long) ((latest - first) * 1e6 / factor);
        }
    }
}
