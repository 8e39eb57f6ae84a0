package dev.vigil.engine.time;

import dev.vigil.dsl.schema.Event;
import java.util.Arrays;
import java.util.List;

/**
 * The events waiting for the watermark, kept sorted in (time, arrival) order in one array. Most
 * events arrive in time order, or nearly: an event that belongs after the last one is appended,
 * the first one is taken from the front, and both are O(1), where a binary heap pays a sift of
 * some twenty comparisons for every event it hands out. An event that arrives out of order is
 * placed by binary search and the later ones move up by one (a single array copy, bounded by the
 * events waiting).
 */
final class PendingEvents {
    private Event[] events = new Event[1024];
    /** The waiting events are {@code events[head..tail)}, in order. */
    private int head;
    private int tail;

    void add(Event e) {
        if (tail == events.length) {
            makeRoom();
        }
        if (tail == head || !EventTimeBuffer.before(e, events[tail - 1])) {
            events[tail++] = e;
            return;
        }
        int at = firstAfter(e);
        System.arraycopy(events, at, events, at + 1, tail - at);
        events[at] = e;
        tail++;
    }

    /** The first event in order, or null. */
    Event peek() {
        return head == tail ? null : events[head];
    }

    /** Removes and returns the first event in order, or null. */
    Event poll() {
        if (head == tail) {
            return null;
        }
        Event first = events[head];
        events[head++] = null;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return first;
    }

    int size() {
        return tail - head;
    }

    void clear() {
        Arrays.fill(events, head, tail, null);
        head = 0;
        tail = 0;
    }

    /** The waiting events in order (a view: valid until the next change). */
    List<Event> inOrder() {
        return Arrays.asList(events).subList(head, tail);
    }

    /** The position of the first waiting event that comes after {@code e}. */
    private int firstAfter(Event e) {
        int low = head;
        int high = tail;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (EventTimeBuffer.before(e, events[mid])) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** The array is full up to its end: slide the waiting events to the front, or grow when they fill half of it. */
    private void makeRoom() {
        int size = tail - head;
        if (size > events.length / 2) {
            Event[] grown = new Event[events.length * 2];
            System.arraycopy(events, head, grown, 0, size);
            events = grown;
        } else {
            System.arraycopy(events, head, events, 0, size);
            Arrays.fill(events, size, tail, null);
        }
        head = 0;
        tail = size;
    }
}
