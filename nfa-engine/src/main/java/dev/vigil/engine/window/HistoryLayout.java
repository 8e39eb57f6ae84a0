package dev.vigil.engine.window;

import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * What one rule remembers of each source event type for its windows and history: which fields,
 * and where each window's field sits among them. Computed once per rule, shared by every key.
 */
public final class HistoryLayout {
    private final List<EventSchema> sources = new ArrayList<>();
    private final List<List<FieldSlot>> kept = new ArrayList<>();
    private final int[] windowPositions;
    private final int[] historyPositions;
    private final long keepMillis;
    private final List<List<HistorySpec>> historiesBySource = new ArrayList<>();

    /** The one empty history of a rule without windows and look-ups (final: read-ahead threads decode too). */
    private final KeyHistory none;

    public HistoryLayout(RuleProgram rule) {
        long keep = 0;
        windowPositions = new int[rule.windows().size()];
        historyPositions = new int[rule.histories().size()];
        for (WindowSpec w : rule.windows()) {
            windowPositions[w.index()] = w.field().map(f -> keep(w.source(), f)).orElseGet(() -> {
                keep(w.source(), null);
                return -1;
            });
            keep = Math.max(keep, w.overMillis());
        }
        for (HistorySpec h : rule.histories()) {
            historyPositions[h.index()] = keep(h.source(), h.field());
            keep = Math.max(keep, h.overMillis());
        }
        this.keepMillis = keep;
        for (int s = 0; s < sources.size(); s++) {
            List<HistorySpec> of = new ArrayList<>();
            for (HistorySpec h : rule.histories()) {
                if (h.source() == sources.get(s)) {
                    of.add(h);
                }
            }
            historiesBySource.add(of);
        }
        this.none = sources.isEmpty() ? new KeyHistory(this) : null;
    }

    /** Registers a source (and a field of it, if not null); returns the field's position. */
    private int keep(EventSchema source, FieldSlot field) {
        int s = sources.indexOf(source);
        if (s < 0) {
            sources.add(source);
            kept.add(new ArrayList<>());
            s = sources.size() - 1;
        }
        if (field == null) {
            return -1;
        }
        List<FieldSlot> fields = kept.get(s);
        int p = fields.indexOf(field);
        if (p < 0) {
            fields.add(field);
            p = fields.size() - 1;
        }
        return p;
    }

    /** The history look-ups that read a source, by source index. */
    List<HistorySpec> historiesOf(int source) {
        return historiesBySource.get(source);
    }

    /** A key's history; a rule with no windows and no look-ups shares one that stays empty. */
    public KeyHistory newHistory() {
        return none != null ? none : new KeyHistory(this);
    }

    int histories() {
        return historyPositions.length;
    }

    int windows() {
        return windowPositions.length;
    }

    int sources() {
        return sources.size();
    }

    /** The index of a source type, or -1 when the rule keeps no history of it. */
    int source(EventSchema type) {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) == type) {
                return i;
            }
        }
        return -1;
    }

    List<FieldSlot> kept(int source) {
        return kept.get(source);
    }

    int position(WindowSpec w) {
        return windowPositions[w.index()];
    }

    int position(HistorySpec h) {
        return historyPositions[h.index()];
    }

    long keepMillis() {
        return keepMillis;
    }
}
