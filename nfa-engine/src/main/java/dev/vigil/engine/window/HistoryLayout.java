package dev.vigil.engine.window;

import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules of one key group remember of each source event type for their windows and
 * history look-ups: which fields (the union of what the rules read), and for how long (an entry
 * as long as the longest duration any of them asks of that source, a field's value as long as the
 * longest asked of that field). The rules share one {@link KeyHistory} per
 * key, so an event the group keeps is stored once however many of its rules read it. Each rule's
 * windows and look-ups are numbered after those of the rules before it in the group
 * ({@link #windowBase}, {@link #historyBase}). Computed once per group, shared by every key.
 */
public final class HistoryLayout {
    private final List<EventSchema> sources = new ArrayList<>();
    private final List<List<FieldSlot>> kept = new ArrayList<>();
    private final List<Long> keepBySource = new ArrayList<>();
    private final List<List<Long>> keepByField = new ArrayList<>();
    private final List<WindowSpec> windows = new ArrayList<>();
    private final List<HistorySpec> histories = new ArrayList<>();
    private final int[] windowPositions;
    private final int[] historyPositions;
    private final int[] windowBase;
    private final int[] historyBase;
    private final long[] keepMillis;
    /** By source and field position: how long the field's values are kept (the longest duration asked of that field). */
    private final long[][] fieldKeepMillis;
    /** By source: each kept field's column among the packed decimals of its entries (shared by every key's). */
    private final int[][] decimalColumns;
    /** By source: the (group) numbers of the look-ups that read it. */
    private final int[][] historiesBySource;

    /** The one empty history of a group without windows and look-ups (final: read-ahead threads decode too). */
    private final KeyHistory none;

    /** The layout of a group of one rule (a rule run on its own, or as its state was kept before format 5). */
    public static HistoryLayout of(RuleProgram rule) {
        return new HistoryLayout(List.of(rule));
    }

    /** {@code rules}: the group's rules in their place in the group. */
    public HistoryLayout(List<RuleProgram> rules) {
        windowBase = new int[rules.size()];
        historyBase = new int[rules.size()];
        List<Integer> windowFields = new ArrayList<>();
        List<Integer> historyFields = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            RuleProgram rule = rules.get(r);
            windowBase[r] = windows.size();
            historyBase[r] = histories.size();
            // Windows first, then look-ups, each in the rule's order: for a group of one rule this
            // numbers sources and fields as format 4 and earlier wrote them.
            for (WindowSpec w : rule.windows()) {
                windows.add(w);
                windowFields.add(w.field().map(f -> keep(w.source(), f, w.overMillis()))
                        .orElseGet(() -> keep(w.source(), null, w.overMillis())));
            }
            for (HistorySpec h : rule.histories()) {
                histories.add(h);
                historyFields.add(keep(h.source(), h.field(), h.overMillis()));
            }
        }
        windowPositions = windowFields.stream().mapToInt(Integer::intValue).toArray();
        historyPositions = historyFields.stream().mapToInt(Integer::intValue).toArray();
        keepMillis = keepBySource.stream().mapToLong(Long::longValue).toArray();
        fieldKeepMillis = keepByField.stream().map(l -> l.stream().mapToLong(Long::longValue).toArray())
                .toArray(long[][]::new);
        decimalColumns = kept.stream().map(Entries::decimalColumns).toArray(int[][]::new);
        historiesBySource = new int[sources.size()][];
        for (int s = 0; s < sources.size(); s++) {
            List<Integer> of = new ArrayList<>();
            for (int h = 0; h < histories.size(); h++) {
                if (histories.get(h).source() == sources.get(s)) {
                    of.add(h);
                }
            }
            historiesBySource[s] = of.stream().mapToInt(Integer::intValue).toArray();
        }
        this.none = sources.isEmpty() ? new KeyHistory(this) : null;
    }

    /** Registers a source (and a field of it, if not null) read over {@code overMillis}; returns the field's position, or -1. */
    private int keep(EventSchema source, FieldSlot field, long overMillis) {
        int s = sources.indexOf(source);
        if (s < 0) {
            sources.add(source);
            kept.add(new ArrayList<>());
            keepBySource.add(0L);
            keepByField.add(new ArrayList<>());
            s = sources.size() - 1;
        }
        keepBySource.set(s, Math.max(keepBySource.get(s), overMillis));
        if (field == null) {
            return -1;
        }
        List<FieldSlot> fields = kept.get(s);
        List<Long> fieldKeeps = keepByField.get(s);
        int p = fields.indexOf(field);
        if (p < 0) {
            fields.add(field);
            fieldKeeps.add(0L);
            p = fields.size() - 1;
        }
        fieldKeeps.set(p, Math.max(fieldKeeps.get(p), overMillis));
        return p;
    }

    /** A key's history; a group with no windows and no look-ups shares one that stays empty. */
    public KeyHistory newHistory() {
        return none != null ? none : new KeyHistory(this);
    }

    /** The number the group gives the first window of the rule at {@code place} in the group. */
    public int windowBase(int place) {
        return windowBase[place];
    }

    /** The number the group gives the first history look-up of the rule at {@code place} in the group. */
    public int historyBase(int place) {
        return historyBase[place];
    }

    /** The look-ups that read a source, by source index. */
    int[] historiesOf(int source) {
        return historiesBySource[source];
    }

    int histories() {
        return histories.size();
    }

    int windows() {
        return windows.size();
    }

    WindowSpec window(int index) {
        return windows.get(index);
    }

    HistorySpec history(int index) {
        return histories.get(index);
    }

    int sources() {
        return sources.size();
    }

    EventSchema sourceType(int source) {
        return sources.get(source);
    }

    /** The index of a source type, or -1 when the group keeps no history of it. */
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

    /** A new, empty store of the entries of a source. */
    Entries newEntries(int source) {
        return new Entries(decimalColumns[source]);
    }

    /** The position among its source's kept fields of the field a window reads, or -1 (count). */
    int windowPosition(int window) {
        return windowPositions[window];
    }

    int historyPosition(int history) {
        return historyPositions[history];
    }

    /** How long entries of a source are kept: the longest duration the group's rules ask of it. */
    long keepMillis(int source) {
        return keepMillis[source];
    }

    /**
     * How long a kept field's values are held: the longest duration asked of that field, which may
     * be shorter than its entries live (a 7-day sum of amounts beside 90 days of merchants).
     */
    long keepMillis(int source, int field) {
        return fieldKeepMillis[source][field];
    }
}
