package dev.vigil.app;

import dev.vigil.simulator.produce.Pacing;
import dev.vigil.simulator.produce.StreamProducer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil produce}: an NDJSON stream sent to a Kafka topic, keyed, at a chosen pace. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send an NDJSON stream to a Kafka topic, one record per line, keyed by a field.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every record acknowledged", "1:the input cannot be read or Kafka refused", "2:bad usage"})
final class ProduceCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "NDJSON (.gz accepted; - for standard input).")
    String input;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "The topic to send to.")
    String topic;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--key", split = ",", defaultValue = "card_id,account_id", paramLabel = "FIELD",
            description = "Key fields, the first present one is the record key (default: ${DEFAULT-VALUE}).")
    List<String> keyFields;

    @Option(names = "--time-field", defaultValue = "ts", paramLabel = "FIELD",
            description = "The event-time field that --speedup follows (default: ${DEFAULT-VALUE}).")
    String timeField;

    @ArgGroup(exclusive = true)
    Pace pace;

    static final class Pace {
        @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", description = "Send at a fixed rate.")
        Double rate;

        @Option(names = "--speedup", paramLabel = "X", description = "Send at event-time speed times X.")
        Double speedup;
    }

    @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when on a terminal).")
    Boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Pacing pacing;
        try {
            pacing = pace == null ? new Pacing.AsFastAsPossible()
                    : pace.rate != null ? new Pacing.FixedRate(pace.rate) : new Pacing.Speedup(pace.speedup);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        StreamProducer.Sent sent;
        try (BufferedReader in = Streams.reader(input); Producer<String, String> producer = StreamProducer.kafka(bootstrap);
             ProgressBar bar = Progress.bar("produce", -1, " records", progress)) {
            sent = new StreamProducer(producer, topic, keyFields, timeField, pacing).send(in, n -> {
                if (bar != null) {
                    bar.stepTo(n);
                }
            });
            producer.close(Duration.ofSeconds(30));
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("vigil produce: Kafka refused: " + e.getMessage());
            err.flush();
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf("records sent:  %,d to %s (%,d without a key)%n", sent.records(), topic, sent.unkeyed());
        err.printf("time:          %.2f s (%,.0f records/s)%n", seconds, sent.records() / Math.max(seconds, 1e-9));
        if (sent.failed() > 0) {
            err.printf("NOT acknowledged: %,d records (first: %s)%n", sent.failed(), sent.firstFailure());
        }
        err.flush();
        return sent.failed() == 0 ? 0 : 1;
    }
}
