package dev.vigil.simulator.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** A simulation run in memory for the tests: its lines, its cases file, its summary. */
record Simulation(List<String> lines, List<String> cases, SimulationSummary summary) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Simulation of(SimulationConfig config) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        StringWriter cases = new StringWriter();
        try {
            SimulationSummary s = new Simulator(config).run(out, cases, n -> { });
            return new Simulation(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList(), cases.toString().lines().toList(), s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of an event record, whatever its type. */
    static String id(JsonNode o) {
        for (String f : List.of("txn_id", "refund_id", "event_id", "posting_id")) {
            if (o.has(f)) {
                return o.get(f).asText();
            }
        }
        throw new IllegalArgumentException("no id in " + o);
    }
}
