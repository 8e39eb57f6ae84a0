package dev.vigil.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.simulator.importer.DatasetFormat;
import dev.vigil.simulator.importer.DatasetImport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil import}: a public fraud dataset converted into labelled NDJSON of the starter schema. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert a public fraud dataset (CSV) into Vigil's labelled NDJSON.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every row converted", "1:rows were refused, or the file is not of the format",
                "2:bad usage"})
final class ImportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 20;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "handbook (Fraud-Detection-Handbook), sparkov (fraudTrain.csv layout) or paysim.")
    String format;

    @Parameters(paramLabel = "INPUT", description = "The CSV file (.gz accepted; - for standard input).")
    String input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The NDJSON stream (.gz compresses; - for standard output).")
    String out;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Every refused row as a JSON line: line, reason, values.")
    String rejects;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", paramLabel = "TIME",
            description = "The instant of PaySim's step 1 (default: ${DEFAULT-VALUE}).")
    Instant start;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DatasetFormat f = DatasetFormat.named(format).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown format `" + format + "`; the formats are handbook, sparkov and paysim"));
        PrintWriter err = spec.commandLine().getErr();
        DatasetImport.Report report;
        try (BufferedReader in = Streams.reader(input); Writer w = Streams.writer(out)) {
            report = DatasetImport.run(f, in, w, start.toEpochMilli());
        } catch (DatasetImport.WrongFormat e) {
            err.println("vigil import: " + input + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        if (rejects != null) {
            try (Writer w = Streams.writer(rejects)) {
                for (DatasetImport.Rejected r : report.rejected()) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("line", r.line());
                    o.put("reason", r.reason());
                    r.row().forEach(o.putArray("values")::add);
                    w.write(o.toString());
                    w.write('\n');
                }
            }
        }
        int shown = 0;
        for (DatasetImport.Rejected r : report.rejected()) {
            if (shown++ == SHOWN) {
                err.println("  ... and " + (report.rejected().size() - SHOWN) + " more" + (rejects == null
                        ? " (--rejects FILE lists them all)" : " in " + rejects));
                break;
            }
            err.println(input + ":" + r.line() + ": " + r.reason());
        }
        err.printf("rows read:     %,d%n", report.rows());
        err.printf("  refused:     %,d%n", report.rejected().size());
        err.printf("  fraud:       %,d%n", report.fraudRows());
        err.printf("events written: %,d%n", report.events());
        err.flush();
        return report.rejected().isEmpty() ? 0 : 1;
    }
}
