package dev.vigil.state;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The heap cache of a disk-backed store: which keys' decoded values stay on the heap, and which
 * leave. A segmented LRU with a list of recently evicted keys (as in 2Q): a key enters on
 * probation, a small part of the cache, and joins the protected part only when it is used again,
 * on probation or soon after leaving it. With millions of keys each used a few times a day a
 * plain LRU turned its whole content over between two young collections, so every value it held
 * was copied into the old generation and dropped there; on probation such a key's value leaves
 * before the next collection. A busy key (the dense end: every card used again within minutes)
 * is protected after its second use.
 *
 * <p>One hash map holds every key the cache knows, cached or remembered as evicted, each with its
 * node in one of three lists (probation, protected, evicted; eldest first): a look-up is one probe
 * of one map. With a linked map per part, a new key's event (hint, get, add, an eviction, the put
 * back) probed them about ten times, now six: the probes were a third of the engine thread's time
 * at 10 M keys (docs/benchmarks.md).
 *
 * <p>Not Caffeine: its eviction is amortized and may fall on any call, while a store's value is
 * changed in place between its get and put and must not be handed to the writer in between; here
 * a key leaves only when another key is added or admitted. Values are never null (a store caches
 * known absence as a value of its own).
 */
final class KeyCache<V> {
    private static final class Node<V> {
        final String key;
        /** Null once evicted (the key is only remembered). */
        V value;
        Part<V> part;
        Node<V> older;
        Node<V> newer;

        Node(String key, V value) {
            this.key = key;
            this.value = value;
        }
    }

    /** A list of nodes, eldest first, holding at most {@code capacity}. */
    private static final class Part<V> {
        final int capacity;
        Node<V> eldest;
        Node<V> newest;
        int size;

        Part(int capacity) {
            this.capacity = capacity;
        }

        void addNewest(Node<V> n) {
            n.part = this;
            n.older = newest;
            n.newer = null;
            if (newest == null) {
                eldest = n;
            } else {
                newest.newer = n;
            }
            newest = n;
            size++;
        }

        void unlink(Node<V> n) {
            if (n.older == null) {
                eldest = n.newer;
            } else {
                n.older.newer = n.newer;
            }
            if (n.newer == null) {
                newest = n.older;
            } else {
                n.newer.older = n.older;
            }
            n.older = null;
            n.newer = null;
            n.part = null;
            size--;
        }

        void touch(Node<V> n) {
            if (n != newest) {
                unlink(n);
                addNewest(n);
            }
        }
    }

    private final Map<String, Node<V>> nodes = new HashMap<>();
    private final Part<V> probation;
    private final Part<V> protectedKeys;
    /** Keys evicted from probation, most recent newest: used again while listed, they are admitted. */
    private final Part<V> evicted;
    private final BiConsumer<String, V> leave;

    /**
     * About {@code capacity} values: a tenth on probation (at least one), the rest protected (at
     * least one); {@code leave} receives each value that leaves.
     */
    KeyCache(int capacity, BiConsumer<String, V> leave) {
        int onProbation = Math.max(1, capacity / 10);
        this.probation = new Part<>(onProbation);
        this.protectedKeys = new Part<>(Math.max(1, capacity - onProbation));
        this.evicted = new Part<>(Math.max(capacity, 1));
        this.leave = leave;
    }

    /** The key's value, or null when it is not cached; a use (a second one admits a key on probation). */
    V get(String key) {
        Node<V> n = nodes.get(key);
        if (n == null || n.part == evicted) {
            return null;
        }
        if (n.part == protectedKeys) {
            protectedKeys.touch(n);
        } else {
            probation.unlink(n);
            protect(n);
        }
        return n.value;
    }

    /** The key's value, or null when it is not cached, without counting a use (as after a get, to change it). */
    V peek(String key) {
        Node<V> n = nodes.get(key);
        if (n == null || n.part == evicted) {
            return null;
        }
        n.part.touch(n);
        return n.value;
    }

    /** Whether the key is cached, without counting a use. */
    boolean contains(String key) {
        Node<V> n = nodes.get(key);
        return n != null && n.part != evicted;
    }

    /** Caches the value of a key that is not cached; another key may leave. */
    void add(String key, V value) {
        Node<V> n = nodes.get(key);
        if (n == null) {
            n = new Node<>(key, value);
            nodes.put(key, n);
            probation.addNewest(n);
            if (probation.size > probation.capacity) {
                Node<V> out = probation.eldest;
                probation.unlink(out);
                V v = out.value;
                out.value = null;
                evicted.addNewest(out);
                if (evicted.size > evicted.capacity) {
                    Node<V> forgotten = evicted.eldest;
                    evicted.unlink(forgotten);
                    nodes.remove(forgotten.key);
                }
                leave.accept(out.key, v);
            }
        } else if (n.part == evicted) {
            evicted.unlink(n);
            n.value = value;
            protect(n);
        } else {
            throw new IllegalStateException("key " + key + " is cached already");
        }
    }

    private void protect(Node<V> n) {
        protectedKeys.addNewest(n);
        if (protectedKeys.size > protectedKeys.capacity) {
            Node<V> out = protectedKeys.eldest;
            protectedKeys.unlink(out);
            nodes.remove(out.key);
            leave.accept(out.key, out.value);
        }
    }

    /** Every cached key and value, protected then on probation, eldest first (the action must not add or remove keys). */
    void forEach(BiConsumer<String, V> action) {
        for (Node<V> n = protectedKeys.eldest; n != null; n = n.newer) {
            action.accept(n.key, n.value);
        }
        for (Node<V> n = probation.eldest; n != null; n = n.newer) {
            action.accept(n.key, n.value);
        }
    }
}
