package dev.vigil.dsl.check;

import dev.vigil.dsl.program.Variable;
import dev.vigil.dsl.schema.EventSchema;
import java.util.Map;

/**
 * What names mean where an expression is written.
 * <ul>
 * <li>In a step's {@code where}/{@code until}: bare field names are fields of the candidate event
 *     ({@code self}'s type); {@code self.field} is the candidate too; earlier variables are visible.</li>
 * <li>In {@code when}, {@code score} and {@code alert}: the match is complete; every present
 *     variable is visible and a field must say which variable it comes from.</li>
 * </ul>
 * {@code declared} holds every variable of the rule, for better messages about invisible ones.
 */
record Scope(String clause, Variable self, Map<String, Variable> visible, Map<String, Variable> declared,
             boolean scoreKnown) {
    boolean inCondition() {
        return self != null;
    }

    EventSchema currentType() {
        return self == null ? null : self.type();
    }
}
