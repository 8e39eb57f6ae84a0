package dev.vigil.dsl.program;

import dev.vigil.dsl.program.Evaluators.BoolEval;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled rule: everything the engine needs to run it, with every name already resolved.
 * {@code withinMillis} is 0 when the pattern has no overall time bound; {@code maxPartials} is 0
 * when the rule leaves the bound to the engine's configuration. {@code keptReferences}, by variable
 * index, are the string and decimal field slots the rule reads of a variable's events after the
 * event that matched them: all a partial match needs to keep of those fields.
 */
public record RuleProgram(
        String name,
        long version,
        String file,
        String title,
        Severity severity,
        String queue,
        KeySpec key,
        PatternNode.Sequence pattern,
        List<Variable> variables,
        long withinMillis,
        SkipStrategy skip,
        Optional<BoolEval> when,
        Optional<ScoreSpec> score,
        Optional<BoolEval> alertIf,
        List<OutputValue> outputs,
        List<WindowSpec> windows,
        List<HistorySpec> histories,
        List<Set<Integer>> keptReferences,
        long maxPartials) {
    public RuleProgram {
        variables = List.copyOf(variables);
        keptReferences = List.copyOf(keptReferences);
        outputs = List.copyOf(outputs);
        windows = List.copyOf(windows);
        histories = List.copyOf(histories);
    }

    public Optional<OutputValue> output(String outputName) {
        return outputs.stream().filter(o -> o.name().equals(outputName)).findFirst();
    }
}
