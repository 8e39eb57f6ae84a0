package dev.vigil.dsl.program;

import dev.vigil.dsl.schema.Event;
import java.math.BigDecimal;

/**
 * What a compiled condition can see while it runs. The engine implements it over a partial match:
 * the event being tested (or, after a match, the event that completed it), the events each
 * pattern variable has matched so far, and the key's velocity windows and history at the current
 * event's time. Variables and windows are addressed by the indexes in {@link RuleProgram}.
 */
public interface EvalContext {
    /** In a {@code where} or {@code until}: the candidate event. After a match: the last matched event. */
    Event current();

    /** How many events a variable has matched so far (in a variable's own condition, not counting the candidate). */
    int count(int variable);

    /** The {@code index}-th (0-based, time order) event matched by a variable. */
    Event event(int variable, int index);

    long windowLong(int window);

    double windowDouble(int window);

    BigDecimal windowDecimal(int window);

    /** Whether the key's history holds {@code value} for a history look-up (value as {@link Event#value} gives it). */
    boolean historyContains(int history, Object value);

    /** The time of the first event in a history with the value; throws {@link NoValue} when there is none. */
    long firstSeen(int history, Object value);

    /** The time of the last event in a history with the value; throws {@link NoValue} when there is none. */
    long lastSeen(int history, Object value);

    /** The model score of the match; only asked after the rule's {@code score} clause ran. */
    double score();
}
