package dev.vigil.dsl.check;

import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one rule reads besides the current event: its velocity windows and history look-ups, each
 * declared once however often it is written, and the string and decimal fields it reads of the
 * events its variables matched earlier (what a partial match must keep of them).
 */
final class RuleResources {
    private final List<WindowSpec> windows = new ArrayList<>();
    private final List<HistorySpec> histories = new ArrayList<>();
    private final Map<Integer, Set<Integer>> keptReferences = new HashMap<>();

    WindowSpec window(WindowSpec.Function fn, EventSchema source, Optional<FieldSlot> field, long overMillis,
                      ValueType resultType) {
        for (WindowSpec w : windows) {
            if (w.function() == fn && w.source() == source && w.field().equals(field) && w.overMillis() == overMillis) {
                return w;
            }
        }
        WindowSpec w = new WindowSpec(windows.size(), fn, source, field, overMillis, resultType);
        windows.add(w);
        return w;
    }

    HistorySpec history(EventSchema source, FieldSlot field, long overMillis) {
        for (HistorySpec h : histories) {
            if (h.source() == source && h.field().equals(field) && h.overMillis() == overMillis) {
                return h;
            }
        }
        HistorySpec h = new HistorySpec(histories.size(), source, field, overMillis);
        histories.add(h);
        return h;
    }

    List<WindowSpec> windows() {
        return List.copyOf(windows);
    }

    List<HistorySpec> histories() {
        return List.copyOf(histories);
    }

    /** An expression reads {@code field} of an event {@code v} matched before the current one. */
    void keptRead(Variable v, FieldSlot field) {
        if (!field.type().primitive) {
            keptReferences.computeIfAbsent(v.index(), k -> new HashSet<>()).add(field.index());
        }
    }

    /** Per variable index, the reference slots read of its earlier events (see {@link #keptRead}). */
    List<Set<Integer>> keptReferences(int variables) {
        List<Set<Integer>> out = new ArrayList<>();
        for (int v = 0; v < variables; v++) {
            out.add(Set.copyOf(keptReferences.getOrDefault(v, Set.of())));
        }
        return out;
    }
}
