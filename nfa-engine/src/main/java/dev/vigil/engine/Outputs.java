package dev.vigil.engine;

import dev.vigil.dsl.schema.Event;
import dev.vigil.engine.nfa.Match;

/** Where the engine's results go: the driver (replay files, a Kafka transaction) decides. */
public interface Outputs {
    void match(Match match);

    /** An event that arrived behind the watermark minus the allowed lateness. */
    void late(Event event, String reason);
}
