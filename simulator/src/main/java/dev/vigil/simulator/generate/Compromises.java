package dev.vigil.simulator.generate;

import dev.vigil.simulator.event.Label;
import dev.vigil.simulator.event.SimEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Merchant terminals compromised for a while: every card transaction there in that time is fraud. */
final class Compromises {
    private record Window(long from, long to, Label label) {}

    private final Map<String, List<Window>> byMerchant = new HashMap<>();

    void add(String merchant, long from, long to, Label label) {
        byMerchant.computeIfAbsent(merchant, m -> new ArrayList<>()).add(new Window(from, to, label));
    }

    /** The event, labelled as the compromise's fraud if it is a transaction at a compromised terminal in time. */
    SimEvent label(SimEvent e) {
        if (byMerchant.isEmpty() || !(e instanceof SimEvent.Txn t) || t.label().fraud()) {
            return e;
        }
        List<Window> windows = byMerchant.get(t.merchant());
        if (windows != null) {
            for (Window w : windows) {
                if (t.time() >= w.from() && t.time() < w.to()) {
                    return t.relabel(w.label());
                }
            }
        }
        return e;
    }
}
