package dev.vigil.simulator.produce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends an NDJSON stream to a Kafka topic, one record per line, as read (a malformed line is sent
 * too: the engine's dead-letter path is what it is for). The record key is the first of the key
 * fields the line has (so a card's events land in one partition, in order); a line with none of
 * them, or that is not JSON, goes without a key.
 */
public final class StreamProducer {
    private static final JsonFactory JSON = new JsonFactory();

    /** What was sent: records, those without a key, and those Kafka did not acknowledge (with the first reason). */
    public record Sent(long records, long unkeyed, long failed, String firstFailure) {}

    private final Producer<String, String> producer;
    private final String topic;
    private final List<String> keyFields;
    private final String timeField;
    private final Pacing pacing;

    public StreamProducer(Producer<String, String> producer, String topic, List<String> keyFields, String timeField,
                          Pacing pacing) {
        this.producer = producer;
        this.topic = topic;
        this.keyFields = List.copyOf(keyFields);
        this.timeField = timeField;
        this.pacing = pacing;
    }

    /** A producer that waits for every replica and never writes a record twice. */
    public static Producer<String, String> kafka(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Sends every line; {@code progress} hears the count now and then. Returns when all are acknowledged. */
    public Sent send(BufferedReader in, LongConsumer progress) throws IOException {
        long records = 0;
        long unkeyed = 0;
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Fields f = fields(line);
            long due = started + pacing.dueNanos(records, f.time);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (f.key == null) {
                unkeyed++;
            }
            producer.send(new ProducerRecord<>(topic, f.key, line), (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, error.toString());
                }
            });
            records++;
            if ((records & 1023) == 0) {
                progress.accept(records);
            }
        }
        producer.flush();
        progress.accept(records);
        return new Sent(records, unkeyed, failed.get(), firstFailure.get());
    }

    private static final class Fields {
        String key;
        long time = Long.MIN_VALUE;
        private final String[] keys;

        Fields(int keyFields) {
            keys = new String[keyFields];
        }
    }

    /** The key and the event time of a line, read from its top-level fields; what is missing stays unset. */
    private Fields fields(String line) {
        Fields f = new Fields(keyFields.size());
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return f;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int k = keyFields.indexOf(name);
                if (k >= 0 && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    f.keys[k] = p.getText();
                } else if (name.equals(timeField) && value == JsonToken.VALUE_STRING) {
                    try {
                        f.time = Instant.parse(p.getText()).toEpochMilli();
                    } catch (DateTimeParseException e) {
                        // no usable time: the record is paced by the latest time seen
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON (or cut short): sent as is, keyed by whatever was read before the break
        }
        for (String k : f.keys) {
            if (k != null) {
                f.key = k;
                break;
            }
        }
        return f;
    }
}
