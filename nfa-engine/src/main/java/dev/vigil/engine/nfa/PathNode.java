package dev.vigil.engine.nfa;

import dev.vigil.dsl.schema.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared buffer of partial matches: each run's matched events are an immutable linked path
 * from its newest binding back to its first. Runs that branch from one another share their common
 * prefix, so a burst of events that forks many partial matches stores each event once per
 * branching point, not once per run (the versioned-path idea of Flink CEP's SharedBuffer and the
 * SASE paper, as a persistent list).
 */
public final class PathNode {
    final int variable;
    final Event event;
    final PathNode previous;
    final int length;

    PathNode(int variable, Event event, PathNode previous) {
        this.variable = variable;
        this.event = event;
        this.previous = previous;
        this.length = previous == null ? 1 : previous.length + 1;
    }

    public Event event() {
        return event;
    }

    public int variable() {
        return variable;
    }

    public PathNode previous() {
        return previous;
    }

    public int length() {
        return length;
    }

    /** The first event of the path. */
    Event first() {
        PathNode p = this;
        while (p.previous != null) {
            p = p.previous;
        }
        return p.event;
    }

    /** Events per variable, in time order. Built on demand and not kept: a path lives as long as its run. */
    Event[][] byVariable(int variables) {
        int[] counts = new int[variables];
        for (PathNode p = this; p != null; p = p.previous) {
            counts[p.variable]++;
        }
        Event[][] out = new Event[variables][];
        for (int v = 0; v < variables; v++) {
            out[v] = new Event[counts[v]];
        }
        for (PathNode p = this; p != null; p = p.previous) {
            out[p.variable][--counts[p.variable]] = p.event;
        }
        return out;
    }

    /** How many events the path binds to {@code variable}. */
    int count(int variable) {
        int n = 0;
        for (PathNode p = this; p != null; p = p.previous) {
            if (p.variable == variable) {
                n++;
            }
        }
        return n;
    }

    /** The {@code back}-th newest event bound to {@code variable} (0 is the newest), or null. */
    Event fromNewest(int variable, int back) {
        for (PathNode p = this; p != null; p = p.previous) {
            if (p.variable == variable && back-- == 0) {
                return p.event;
            }
        }
        return null;
    }

    /** Every event of the path in match order. */
    public List<PathNode> inOrder() {
        List<PathNode> out = new ArrayList<>(length);
        for (PathNode p = this; p != null; p = p.previous) {
            out.add(p);
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
