package dev.vigil.engine;

/** Engine settings an operator chooses. {@code maxPartialsPerKey} bounds rules that set no {@code max_partials}. */
public record EngineConfig(int maxPartialsPerKey) {
    public static final EngineConfig DEFAULTS = new EngineConfig(10_000);
}
