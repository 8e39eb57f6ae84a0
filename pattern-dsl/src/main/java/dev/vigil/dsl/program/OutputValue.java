package dev.vigil.dsl.program;

import dev.vigil.dsl.schema.ValueType;
import java.util.function.Function;

/**
 * A named value an alert carries ({@code alert { probes: count(probe) }}), or a model feature.
 * {@code value} gives a Java object of {@code type} (Long, Double, BigDecimal, String, Boolean),
 * or null when the value does not exist for this match.
 */
public record OutputValue(String name, ValueType type, Function<EvalContext, Object> value) {}
