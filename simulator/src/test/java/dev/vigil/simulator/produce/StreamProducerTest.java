package dev.vigil.simulator.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.simulator.generate.Scenario;
import dev.vigil.simulator.generate.SimulationConfig;
import dev.vigil.simulator.generate.Simulator;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vigil produce` against a real broker: every line arrives once, keyed, each key's records in order. */
class StreamProducerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSimulatedStreamArrivesWholeKeyedAndInOrderPerKey(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new Simulator(new SimulationConfig(200, 3, 8, Instant.parse("2026-02-01T00:00:00Z"), Scenario.ALL, 0.05, 10_000,
                0, 0.01, 0.01, Map.of())).run(out, null, n -> { });
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        try (KafkaBroker broker = new KafkaBroker(dir)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("transactions", 3, (short) 1))).all().get();
            }
            StreamProducer.Sent sent;
            try (Producer<String, String> producer = StreamProducer.kafka(broker.bootstrapServers())) {
                sent = new StreamProducer(producer, "transactions", List.of("card_id", "account_id"), "ts",
                        new Pacing.FixedRate(1_000_000)).send(new BufferedReader(new StringReader(text)), n -> { });
            }
            assertEquals(lines.size(), sent.records());
            assertEquals(0, sent.failed(), sent.firstFailure());

            List<ConsumerRecord<String, String>> received = consumeAll(broker.bootstrapServers(), lines.size());
            assertEquals(lines.size(), received.size());
            // Each key's records arrive in the order they were read, whatever partition the key went to.
            Map<String, List<String>> sentByKey = new HashMap<>();
            long unkeyed = 0;
            for (String line : lines) {
                String key = keyOf(line);
                if (key == null) {
                    unkeyed++;
                } else {
                    sentByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
                }
            }
            Map<String, List<String>> receivedByKey = new HashMap<>();
            Map<String, Integer> partitionOfKey = new HashMap<>();
            for (ConsumerRecord<String, String> r : received) {
                if (r.key() == null) {
                    assertNull(keyOf(r.value()), r.value());
                    continue;
                }
                assertEquals(keyOf(r.value()), r.key());
                assertEquals(partitionOfKey.computeIfAbsent(r.key(), k -> r.partition()), r.partition());
                receivedByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            }
            assertEquals(sentByKey, receivedByKey);
            assertEquals(unkeyed, sent.unkeyed());
            assertEquals(Set.of(0, 1, 2), Set.copyOf(partitionOfKey.values()), "keys spread over the partitions");
        }
    }

    /** The card, else the account, of a line; null for a malformed line without either. */
    private static String keyOf(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            return o.has("card_id") ? o.get("card_id").asText() : o.has("account_id") ? o.get("account_id").asText() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
            int at = line.indexOf("\"card_id\":\"");
            if (at < 0) {
                at = line.indexOf("\"account_id\":\"");
            }
            if (at < 0) {
                return null;
            }
            int start = line.indexOf(':', at) + 2;
            int end = line.indexOf('"', start);
            return end < 0 ? null : line.substring(start, end);
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "check");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("transactions"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            // One more poll: nothing beyond what was sent.
            c.poll(Duration.ofMillis(500)).forEach(all::add);
        }
        return all;
    }
}
