package dev.vigil.dsl.program;

import java.util.List;

/** {@code score "model" { ... }}: the model to ask and the features to give it, in declared order. */
public record ScoreSpec(String model, List<OutputValue> features) {
    public ScoreSpec {
        features = List.copyOf(features);
    }
}
