package dev.vigil.app;

import dev.vigil.simulator.generate.Range;
import dev.vigil.simulator.generate.Scenario;
import dev.vigil.simulator.generate.SimulationConfig;
import dev.vigil.simulator.generate.SimulationSummary;
import dev.vigil.simulator.generate.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil simulate}: a labelled stream of card, banking and ledger events with injected fraud. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Generate a labelled NDJSON stream of the starter schema's events, with injected fraud cases.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stream written", "1:the output cannot be written", "2:bad usage"})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--cards", required = true, paramLabel = "N", description = "Customers, each with one card and one account.")
    int cards;

    @Option(names = "--days", required = true, paramLabel = "D", description = "Days of event time.")
    int days;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed; the same seed gives the same stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", paramLabel = "TIME", description = "First instant of the stream (default: ${DEFAULT-VALUE}).")
    Instant start;

    @Option(names = "--scenarios", split = ",", paramLabel = "LIST",
            description = "Fraud scenarios to inject, comma-separated, or `none` (default: all of ${COMPLETION-CANDIDATES}).",
            completionCandidates = ScenarioNames.class)
    List<String> scenarios;

    @Option(names = "--fraud-rate", defaultValue = "0.001", paramLabel = "R",
            description = "Share of customers with a fraud case; at least one case per scenario (default: ${DEFAULT-VALUE}).")
    double fraudRate;

    @Option(names = "--param", paramLabel = "SCENARIO.SETTING=RANGE",
            description = "Override a scenario setting, e.g. card_testing.probes=5..10 (repeatable; docs/simulator.md lists them).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out-of-order", defaultValue = "0s", paramLabel = "DURATION",
            description = "Events arrive up to this long after their time, e.g. 20s (default: in order).")
    String outOfOrder;

    @Option(names = "--late-rate", defaultValue = "0", paramLabel = "R", description = "Share of events delivered 20 to 60 minutes late.")
    double lateRate;

    @Option(names = "--duplicate-rate", defaultValue = "0", paramLabel = "R", description = "Share of events delivered twice.")
    double duplicateRate;

    @Option(names = "--malformed-rate", defaultValue = "0", paramLabel = "R", description = "Share of records replaced by a malformed line.")
    double malformedRate;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The stream (NDJSON; .gz compresses; - for standard output).")
    String out;

    @Option(names = "--cases", paramLabel = "FILE", description = "One JSON line per fraud case: id, scenario, key, first and last event.")
    String casesOut;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when on a terminal).")
    Boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class ScenarioNames extends ArrayList<String> {
        ScenarioNames() {
            Scenario.ALL.forEach(s -> add(s.name()));
        }
    }

    @Override
    public Integer call() throws IOException {
        SimulationConfig config;
        try {
            config = new SimulationConfig(cards, days, seed, start, chosenScenarios(), fraudRate,
                    DurationOption.millis(outOfOrder), lateRate, duplicateRate, malformedRate, ranges());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        SimulationSummary summary;
        try (java.io.OutputStream w = Streams.output(out); Writer cw = casesOut == null ? null : Streams.writer(casesOut);
             ProgressBar bar = Progress.bar("simulate", config.days(), " days", progress)) {
            int[] day = {0};
            summary = new Simulator(config).run(w, cw, records -> {
                if (bar != null) {
                    bar.stepTo(++day[0]);
                }
            });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.print(summary.render());
        err.printf("time:               %.2f s (%,.0f records/s)%n", seconds, summary.records() / Math.max(seconds, 1e-9));
        err.flush();
        return 0;
    }

    private Map<String, Range> ranges() {
        Map<String, Range> ranges = new LinkedHashMap<>();
        params.forEach((k, v) -> ranges.put(k, Range.parse(v)));
        return ranges;
    }

    private List<Scenario> chosenScenarios() {
        if (scenarios == null) {
            return Scenario.ALL;
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarios) {
            if (name.equals("none")) {
                continue;
            }
            chosen.add(Scenario.named(name).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "unknown scenario `" + name + "`; the scenarios are " + new ScenarioNames())));
        }
        return chosen;
    }
}
