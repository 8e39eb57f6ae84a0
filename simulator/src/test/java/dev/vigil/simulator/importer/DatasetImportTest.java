package dev.vigil.simulator.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.simulator.StarterPackReplay;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class DatasetImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private record Imported(DatasetImport.Report report, List<String> lines, List<JsonNode> events) {}

    private static Imported load(String format, String sample) throws IOException {
        StringWriter out = new StringWriter();
        DatasetImport.Report report;
        try (Reader in = new InputStreamReader(Objects.requireNonNull(
                DatasetImportTest.class.getResourceAsStream("/datasets/" + sample)), StandardCharsets.UTF_8)) {
            report = DatasetImport.run(DatasetFormat.named(format).orElseThrow(), in, out, START);
        }
        List<String> lines = out.toString().lines().toList();
        List<JsonNode> events = new ArrayList<>();
        for (String l : lines) {
            events.add(JSON.readTree(l));
        }
        return new Imported(report, lines, events);
    }

    private static String rejected(DatasetImport.Report r) {
        StringBuilder b = new StringBuilder();
        for (DatasetImport.Rejected x : r.rejected()) {
            b.append(x.line()).append(": ").append(x.reason()).append('\n');
        }
        return b.toString();
    }

    @Test
    void handbookRowsBecomeCardTransactionsLabelledByScenario() throws IOException {
        Imported i = load("handbook", "handbook.csv");
        assertEquals(11, i.report().rows());
        assertEquals("""
                8: TX_AMOUNT is not an amount: abc
                9: TX_DATETIME is not a time like 2019-01-01 00:00:18: 2018-04-01 25:00:00
                10: has 6 values for 10 columns
                11: TX_FRAUD_SCENARIO of a fraud must be 1, 2 or 3: 7
                """, rejected(i.report()));
        assertEquals(7, i.events().size());
        JsonNode first = i.events().get(0);
        assertEquals("h0", first.get("txn_id").asText());
        assertEquals("c596", first.get("card_id").asText());
        assertEquals("terminal-3156", first.get("merchant_id").asText());
        assertEquals("2018-04-01T00:00:31.000Z", first.get("ts").asText());
        assertEquals("57.16", first.get("amount").asText());
        assertEquals("handbook_large_amount", i.events().get(3).get("label").get("scenario").asText());
        assertEquals("card-927", i.events().get(4).get("label").get("case_id").asText());
        assertEquals("terminal-8803", i.events().get(5).get("label").get("case_id").asText());
        assertEquals(3, i.report().fraudRows());
        assertEquals(0, StarterPackReplay.run(i.lines()).refused(), "the starter schema reads every imported event");
    }

    @Test
    void sparkovRowsKeepTheirMerchantPlaceAndCategory() throws IOException {
        Imported i = load("sparkov", "sparkov.csv");
        assertEquals(6, i.report().rows());
        assertEquals("""
                5: category is not one of Sparkov's: lottery
                6: merch_lat is not a number: north
                7: is_fraud is not 0 or 1: yes
                """, rejected(i.report()));
        JsonNode first = i.events().get(0);
        assertEquals("fraud_Rippin, Kub and Mann", first.get("merchant_id").asText(), "a quoted name with a comma");
        assertEquals("online", first.get("channel").asText());
        assertEquals(5999, first.get("mcc").asInt());
        assertEquals(36.0113, first.get("lat").asDouble(), 1e-9);
        JsonNode fraud = i.events().get(2);
        assertEquals("pos", fraud.get("channel").asText());
        assertEquals(5411, fraud.get("mcc").asInt());
        assertEquals("card-4613314721966", fraud.get("label").get("case_id").asText());
        assertEquals(0, StarterPackReplay.run(i.lines()).refused());
    }

    @Test
    void paysimTransfersAreSeenFromBothAccounts() throws IOException {
        Imported i = load("paysim", "paysim.csv");
        assertEquals(7, i.report().rows());
        assertEquals("""
                6: type is not one of PaySim's (CASH_IN, CASH_OUT, DEBIT, PAYMENT, TRANSFER): WIRE
                7: step must be 1 or more: 0
                8: amount is negative: -5.0
                """, rejected(i.report()));
        assertEquals(5, i.events().size(), "four good rows, the transfer written from both sides");
        JsonNode out = i.events().get(1);
        JsonNode in = i.events().get(2);
        assertEquals("debit", out.get("type").asText());
        assertEquals("C1305486145", out.get("account_id").asText());
        assertEquals("C553264065", out.get("counterparty").asText());
        assertEquals("credit", in.get("type").asText());
        assertEquals("C553264065", in.get("account_id").asText());
        assertEquals("C1305486145", in.get("counterparty").asText());
        assertEquals("transfer", in.get("channel").asText());
        assertTrue(in.get("label").get("fraud").asBoolean());
        assertEquals("cash", i.events().get(3).get("channel").asText(), "CASH_OUT");
        assertEquals("2026-01-01T00:00:02.000Z", i.events().get(0).get("ts").asText(), "step 1, second row of the file");
        assertEquals(0, StarterPackReplay.run(i.lines()).refused());
    }

    @Test
    void aFileOfAnotherFormatIsRefusedWithTheColumnsItLacks() {
        DatasetImport.WrongFormat e = assertThrows(DatasetImport.WrongFormat.class, () -> DatasetImport.run(
                DatasetFormat.named("handbook").orElseThrow(), new StringReader("step,type,amount\n1,PAYMENT,1.0\n"),
                new StringWriter(), START));
        assertTrue(e.getMessage().startsWith("the header has no column `TRANSACTION_ID`"), e.getMessage());
    }
}
