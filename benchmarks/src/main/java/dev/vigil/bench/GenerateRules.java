package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes N realistic rules for compile benchmarks: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.vigil.bench.GenerateRules 1000 /tmp/rules-1000}. The rules vary the starter pack's shapes
 * (sequences with loops, velocity windows, history, absence) with different thresholds, 50 rules
 * a file, all importing a copy of the starter schema.
 */
public final class GenerateRules {
    private static final int RULES_PER_FILE = 50;

    private GenerateRules() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GenerateRules COUNT OUT_DIR");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Files.copy(Path.of("rules/schema/events.vgl"), out.resolve("events.vgl"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Random random = new Random(count);
        StringBuilder file = new StringBuilder();
        int fileNo = 0;
        for (int i = 0; i < count; i++) {
            if (i % RULES_PER_FILE == 0) {
                file.setLength(0);
                file.append("import \"events.vgl\"\n");
            }
            file.append('\n').append(rule(i, random));
            if (i % RULES_PER_FILE == RULES_PER_FILE - 1 || i == count - 1) {
                Files.writeString(out.resolve(String.format("rules-%03d.vgl", fileNo++)), file);
            }
        }
        System.out.println("wrote " + count + " rules in " + fileNo + " files to " + out);
    }

    static String rule(int i, Random r) {
        int amount = 50 + r.nextInt(2000);
        int minutes = 5 + r.nextInt(120);
        int n = 2 + r.nextInt(5);
        switch (i % 5) {
            case 0:
                return "rule g" + i + " {\n  title \"probes then a big purchase " + i + "\"\n  severity high\n  key card_id\n"
                        + "  match\n    probe: Txn{" + n + ",} where amount < " + (1 + r.nextInt(9)) + ".00\n"
                        + "    then big: Txn where amount > " + amount + " and country != probe.first.country\n"
                        + "  within " + minutes + "m\n  alert { probes: count(probe), total: sum(probe.amount) }\n}\n";
            case 1:
                return "rule g" + i + " {\n  key card_id\n  match\n    t: Txn where status = \"approved\" and mcc in (5411, 5732, "
                        + (5000 + r.nextInt(999)) + ")\n  when count(Txn over " + minutes + "m) >= " + n
                        + " and sum(Txn.amount over 1h) > " + amount + "\n  alert { n: count(Txn over " + minutes + "m) }\n}\n";
            case 2:
                return "rule g" + i + " {\n  key account_id\n  match\n    d: DeviceAdded\n    then r: PasswordReset\n"
                        + "    then p: PayeeAdded\n    then t: Debit where amount >= " + amount
                        + " and counterparty = p.payee_id\n  within " + minutes + "m\n  alert { amount: t.amount }\n}\n";
            case 3:
                return "rule g" + i + " {\n  key card_id\n  match\n    t: Txn where amount >= " + amount
                        + " and merchant_id not in history(Txn.merchant_id over " + (30 + r.nextInt(60)) + "d)"
                        + " and geo_distance(lat, lon, 40.7, -74.0) > " + r.nextInt(5000) + "\n  alert { m: t.merchant_id }\n}\n";
            default:
                return "rule g" + i + " {\n  key account_id\n  match\n    d: DeviceAdded\n"
                        + "    not then l: Login where device_id = d.device_id and success\n  within " + minutes + "m\n"
                        + "  alert { device: d.device_id }\n}\n";
        }
    }
}
