package dev.vigil.dsl.check;

import dev.vigil.dsl.program.HistorySpec;
import dev.vigil.dsl.program.WindowSpec;
import dev.vigil.dsl.schema.EventSchema;
import dev.vigil.dsl.schema.FieldSlot;
import dev.vigil.dsl.schema.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The velocity windows and history look-ups one rule reads, each declared once however often it is written. */
final class RuleResources {
    private final List<WindowSpec> windows = new ArrayList<>();
    private final List<HistorySpec> histories = new ArrayList<>();

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
}
