package dev.vigil.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts the engine keeps; {@code accepted + late} is everything offered to it. */
public final class EngineCounters {
    long accepted;
    long late;
    long partialsDropped;
    final Map<String, Long> matchesByRule = new LinkedHashMap<>();

    public long accepted() {
        return accepted;
    }

    public long late() {
        return late;
    }

    public long partialsDropped() {
        return partialsDropped;
    }

    public Map<String, Long> matchesByRule() {
        return Map.copyOf(matchesByRule);
    }
}
