package dev.vigil.dsl.program;

import java.util.Optional;

/** After-match skip strategy, as Flink CEP's AfterMatchSkipStrategy; {@code variable} for the TO_FIRST/TO_LAST kinds. */
public record SkipStrategy(Kind kind, Optional<Variable> variable) {
    public enum Kind { NO_SKIP, SKIP_TO_NEXT, SKIP_PAST_LAST_EVENT, SKIP_TO_FIRST, SKIP_TO_LAST }

    public static final SkipStrategy NO_SKIP = new SkipStrategy(Kind.NO_SKIP, Optional.empty());
}
