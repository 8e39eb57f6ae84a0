package dev.vigil.simulator.importer;

import dev.vigil.simulator.event.Label;
import dev.vigil.simulator.event.SimEvent;
import java.util.List;
import java.util.Map;

/**
 * A public fraud dataset's CSV layout and how its rows become events of the starter schema with
 * their labels. docs/simulator.md lists every mapping and what the datasets do not carry.
 */
public sealed interface DatasetFormat {
    /** The name on the command line. */
    String name();

    /** Columns the file must have (by header name). */
    List<String> columns();

    /** The events of one row; {@code start} anchors datasets that count time in steps. */
    List<SimEvent> convert(Row row, long start) throws Row.BadRow;

    List<DatasetFormat> ALL = List.of(new Handbook(), new Sparkov(), new PaySim());

    static java.util.Optional<DatasetFormat> named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The Fraud-Detection-Handbook's simulated transactions: customers pay at terminals. Its
     * scenarios: 1 an amount over 220, 2 a compromised terminal (every transaction there for 28
     * days), 3 a compromised customer (a third of their transactions for 14 days, amounts times 5).
     */
    final class Handbook implements DatasetFormat {
        public String name() {
            return "handbook";
        }

        public List<String> columns() {
            return List.of("TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID", "TERMINAL_ID", "TX_AMOUNT", "TX_FRAUD",
                    "TX_FRAUD_SCENARIO");
        }

        public List<SimEvent> convert(Row r, long start) throws Row.BadRow {
            String customer = r.text("CUSTOMER_ID");
            String terminal = r.text("TERMINAL_ID");
            String id = r.text("TRANSACTION_ID");
            Label label = Label.LEGITIMATE;
            if (r.flag("TX_FRAUD")) {
                long scenario = r.integer("TX_FRAUD_SCENARIO");
                if (scenario == 1) {
                    label = Label.fraud("handbook_large_amount", "txn-" + id);
                } else if (scenario == 2) {
                    label = Label.fraud("compromised_terminal", "terminal-" + terminal);
                } else if (scenario == 3) {
                    label = Label.fraud("compromised_card", "card-" + customer);
                } else {
                    throw new Row.BadRow("TX_FRAUD_SCENARIO of a fraud must be 1, 2 or 3: " + scenario);
                }
            }
            // The dataset has no merchant category, country, place or channel: terminals are card present.
            return List.of(new SimEvent.Txn("h" + id, "c" + customer, "a" + customer, r.dateTime("TX_DATETIME"),
                    r.cents("TX_AMOUNT"), "terminal-" + terminal, 0, "XX", 0, 0, "pos", null, true, label));
        }
    }

    /** Sparkov-style card transactions (the {@code fraudTrain.csv} layout): US cardholders, merchants with places. */
    final class Sparkov implements DatasetFormat {
        private static final Map<String, Integer> MCC = Map.ofEntries(Map.entry("gas_transport", 5541),
                Map.entry("grocery_pos", 5411), Map.entry("grocery_net", 5411), Map.entry("home", 5200),
                Map.entry("shopping_pos", 5311), Map.entry("shopping_net", 5999), Map.entry("kids_pets", 5995),
                Map.entry("entertainment", 7832), Map.entry("food_dining", 5812), Map.entry("personal_care", 7230),
                Map.entry("health_fitness", 7997), Map.entry("misc_pos", 5999), Map.entry("misc_net", 5999),
                Map.entry("travel", 4722));

        public String name() {
            return "sparkov";
        }

        public List<String> columns() {
            return List.of("trans_date_trans_time", "cc_num", "merchant", "category", "amt", "trans_num", "merch_lat",
                    "merch_long", "is_fraud");
        }

        public List<SimEvent> convert(Row r, long start) throws Row.BadRow {
            String card = r.text("cc_num");
            String category = r.text("category");
            Integer mcc = MCC.get(category);
            if (mcc == null) {
                throw new Row.BadRow("category is not one of Sparkov's: " + category);
            }
            Label label = r.flag("is_fraud") ? Label.fraud("sparkov_fraud", "card-" + card) : Label.LEGITIMATE;
            return List.of(new SimEvent.Txn(r.text("trans_num"), card, card, r.dateTime("trans_date_trans_time"),
                    r.cents("amt"), r.text("merchant"), mcc, "US", r.decimal("merch_lat"), r.decimal("merch_long"),
                    category.endsWith("_net") ? "online" : "pos", null, true, label));
        }
    }

    /**
     * PaySim mobile-money transactions: {@code step} counts hours from the start. Every movement is a
     * ledger posting on the account it leaves ({@code Debit}) or enters ({@code Credit}); a
     * TRANSFER is both, so the receiving (mule) account's side is visible to account rules.
     */
    final class PaySim implements DatasetFormat {
        public String name() {
            return "paysim";
        }

        public List<String> columns() {
            return List.of("step", "type", "amount", "nameOrig", "nameDest", "isFraud");
        }

        public List<SimEvent> convert(Row r, long start) throws Row.BadRow {
            long step = r.integer("step");
            if (step < 1) {
                throw new Row.BadRow("step must be 1 or more: " + step);
            }
            // Rows of one step share its hour; the line number spreads them over it, in file order.
            long time = start + (step - 1) * 3_600_000L + (r.line % 3600) * 1000L;
            String type = r.text("type");
            long cents = r.cents("amount");
            String from = r.text("nameOrig");
            String to = r.text("nameDest");
            String id = "ps" + r.line;
            Label label = r.flag("isFraud") ? Label.fraud("paysim_fraud", "account-" + from) : Label.LEGITIMATE;
            switch (type) {
                case "CASH_IN":
                    return List.of(new SimEvent.Posting(true, id, from, time, cents, to, "cash", label));
                case "CASH_OUT":
                    return List.of(new SimEvent.Posting(false, id, from, time, cents, to, "cash", label));
                case "PAYMENT":
                case "DEBIT":
                    return List.of(new SimEvent.Posting(false, id, from, time, cents, to, "card", label));
                case "TRANSFER":
                    return List.of(new SimEvent.Posting(false, id, from, time, cents, to, "transfer", label),
                            new SimEvent.Posting(true, id + "-in", to, time, cents, from, "transfer", label));
                default:
                    throw new Row.BadRow("type is not one of PaySim's (CASH_IN, CASH_OUT, DEBIT, PAYMENT, TRANSFER): " + type);
            }
        }
    }
}
