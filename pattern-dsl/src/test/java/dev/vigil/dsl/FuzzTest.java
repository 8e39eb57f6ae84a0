package dev.vigil.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.diag.Diagnostic;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.format.AstEquivalence;
import dev.vigil.dsl.format.Formatter;
import dev.vigil.dsl.parse.VglParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs never crash the compiler, never hang, and always end in either a
 * program or errors with a position inside the file. Inputs that parse must also survive the
 * print-and-parse round trip. The budget is bounded for CI; raise it with
 * {@code -Dvigil.fuzz.cases=100000} and pick a seed with {@code -Dvigil.fuzz.seed=N}.
 */
class FuzzTest {
    private static final int CASES = Integer.getInteger("vigil.fuzz.cases", 3000);
    private static final long SEED = Long.getLong("vigil.fuzz.seed", 20261123L);
    private static final String[] SNIPPETS = {
            "rule", "event", "test", "match", "then", "then any", "next", "not then", "not next", "within", "where",
            "until", "and", "or", "not", "in", "matches", "history(Txn.merchant_id over 90d)", "count(Txn over 10m)",
            "{", "}", "(", ")", "[", "]", ":", ",", ".", "+", "-", "*", "/", "%", "?", "=", "!=", "<", ">=", "==",
            "{3,}", "{2,5}", "{0}", "greedy", "reluctant", "consecutive", "combinations", "10m", "0s", "5.00", "-3",
            "99999999999999999999", "\"US\"", "\"unterminated", "true", "false", "probe", "big", "amount", "amout",
            "Txn", "Login", "first", "last", "key", "alert", "score", "after match skip past last", "--", "#", ";",
            "'", "\n", " ", "expect no alerts", "expect alert", "import \"x.vgl\"", "max_partials 0", "\u00e9", "\t"};

    @Test
    void mutatedRuleFilesNeverCrashOrHang() throws IOException {
        Map<String, String> pack = new HashMap<>();
        try (Stream<Path> walk = Files.walk(Path.of("../rules"))) {
            for (Path p : walk.filter(x -> x.toString().endsWith(".vgl")).toList()) {
                pack.put(p.normalize().toString(), Files.readString(p));
            }
        }
        pack.put("constructs.vgl", Files.readString(Path.of("src/test/resources/constructs.vgl")));
        List<String> names = pack.keySet().stream().filter(n -> !n.contains("schema")).sorted().toList();
        Random random = new Random(SEED);
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            for (int i = 0; i < CASES; i++) {
                String target = names.get(random.nextInt(names.size()));
                String mutated = mutate(pack.get(target), random);
                Map<String, String> files = new HashMap<>(pack);
                files.put(target, mutated);
                check(files, target, mutated, "mutation " + i + " of " + target + " (seed " + SEED + ")");
            }
        });
    }

    @Test
    void generatedRulesNeverCrashOrHang() {
        Random random = new Random(SEED + 1);
        RuleGenerator generator = new RuleGenerator(random);
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            int compiled = 0;
            for (int i = 0; i < CASES; i++) {
                String text = RuleGenerator.EVENTS + generator.rule("g" + i);
                if (check(Map.of("g.vgl", text), "g.vgl", text, "generated rule " + i + " (seed " + SEED + ")").ok()) {
                    compiled++;
                }
            }
            // The generator must mostly produce real programs, or it would only test the error paths.
            assertTrue(compiled > CASES / 3, "only " + compiled + " of " + CASES + " generated rules compiled");
        });
    }

    private static Compilation check(Map<String, String> files, String target, String text, String what) {
        Compilation c;
        try {
            c = VigilCompiler.compile(SourceLoader.of(files), List.of(target));
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + " crashed the compiler:\n" + text, e);
        }
        if (c.ok()) {
            assertTrue(c.diagnostics().isEmpty());
        } else {
            assertTrue(c.rules().isEmpty(), what + ": errors and rules at once");
            for (Diagnostic d : c.diagnostics()) {
                String source = files.getOrDefault(d.file(), "");
                long lines = source.lines().count() + 1;
                if (d.line() < 1 || d.line() > lines + 1 || d.column() < 1) {
                    fail(what + ": error outside the file: " + d + "\n" + text);
                }
            }
        }
        Diagnostics diagnostics = new Diagnostics();
        Optional<VglParser.Parsed> parsed = VglParser.parse(target, text, diagnostics);
        if (parsed.isPresent()) {
            Formatter.Result printed = Formatter.format(parsed.get().file());
            Optional<VglParser.Parsed> again = VglParser.parse(target, printed.text(), new Diagnostics());
            assertTrue(again.isPresent(), what + ": the printed text does not parse:\n" + printed.text());
            assertNull(AstEquivalence.difference(parsed.get().file(), again.get().file(), ""),
                    what + ": round trip changed the AST:\n" + text + "\n---\n" + printed.text());
            assertEquals(printed.text(), Formatter.format(again.get().file()).text(), what + ": formatting is not stable");
        }
        return c;
    }

    private static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(5)) {
                case 0 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(12)));
                case 1 -> b.insert(at, " " + SNIPPETS[random.nextInt(SNIPPETS.length)] + " ");
                case 2 -> b.replace(at, Math.min(b.length(), at + 1), SNIPPETS[random.nextInt(SNIPPETS.length)]);
                case 3 -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(40));
                    b.insert(random.nextInt(b.length()), b.substring(at, end));
                }
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }

    /** Writes random rules from the grammar: mostly well formed, with type and naming mistakes mixed in. */
    static final class RuleGenerator {
        static final String EVENTS = """
                event Txn {
                  id txn_id
                  time ts
                  txn_id: string
                  card_id: string
                  ts: timestamp
                  amount: decimal
                  country: string
                  merchant_id: string
                  lat: double = 0.0
                  mcc: int = 0
                  online: boolean = false
                }
                event Login {
                  time ts
                  card_id: string
                  ts: timestamp
                  device_id: string
                }
                """;
        private static final String[] NUMERIC = {"amount", "lat", "mcc"};
        private static final String[] LINKS = {"then", "next", "then any", "not then", "not next"};
        private static final String[] QUANTIFIERS = {"", "", "", "", "", "+", "*", "?", "{2}", "{2,}", "{1,3}", "{0}", "{3,2}"};
        private static final String[] OPTIONS = {"", "", "", " greedy", " reluctant", " consecutive", " combinations"};
        private final Random random;

        RuleGenerator(Random random) {
            this.random = random;
        }

        String rule(String name) {
            StringBuilder b = new StringBuilder("rule ").append(name).append(" {\n  key card_id\n  match\n");
            int steps = 1 + random.nextInt(4);
            List<String> earlier = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                String var = "v" + i;
                b.append("    ");
                boolean absent = false;
                if (i > 0) {
                    String link = LINKS[random.nextInt(LINKS.length)];
                    absent = link.startsWith("not");
                    b.append(link).append(random.nextInt(4) == 0 ? " within " + (1 + random.nextInt(30)) + "m" : "").append(' ');
                }
                String type = random.nextInt(5) == 0 ? "Login" : "Txn";
                b.append(var).append(": ").append(type);
                String q = absent ? "" : QUANTIFIERS[random.nextInt(QUANTIFIERS.length)];
                b.append(q).append(q.isEmpty() ? "" : OPTIONS[random.nextInt(OPTIONS.length)]);
                if (random.nextBoolean()) {
                    b.append(" where ").append(type.equals("Txn") ? condition(earlier, 2) : "device_id != \"d" + random.nextInt(3) + "\"");
                }
                b.append('\n');
                if (!absent && type.equals("Txn") && q.isEmpty()) {
                    earlier.add(var);
                }
            }
            if (random.nextInt(10) != 0) {
                b.append("  within ").append(random.nextInt(60)).append("m\n");
            }
            if (random.nextBoolean()) {
                b.append("  when count(Txn over 10m) ").append(random.nextBoolean() ? ">= " : "< ").append(random.nextInt(9)).append('\n');
            }
            if (!earlier.isEmpty() && random.nextBoolean()) {
                String v = earlier.get(random.nextInt(earlier.size()));
                b.append("  alert { amount: ").append(v).append(".amount, c: ").append(v).append(".country }\n");
            }
            return b.append("}\n").toString();
        }

        private String condition(List<String> earlier, int depth) {
            if (depth > 0 && random.nextInt(3) == 0) {
                return "(" + condition(earlier, depth - 1) + (random.nextBoolean() ? " and " : " or ") + condition(earlier, depth - 1) + ")";
            }
            switch (random.nextInt(12)) {
                case 0:
                    return NUMERIC[random.nextInt(NUMERIC.length)] + " " + comparison() + " " + number();
                case 1:
                    return "country " + (random.nextBoolean() ? "in (\"US\", \"FR\")" : "= \"US\"");
                case 2:
                    if (!earlier.isEmpty()) {
                        return "amount > " + earlier.get(random.nextInt(earlier.size())) + ".amount * 2";
                    }
                    return "online";
                case 3:
                    return "merchant_id " + (random.nextBoolean() ? "not " : "") + "in history(Txn.merchant_id over 90d)";
                case 4:
                    return "geo_distance(lat, 0, 10.5, 20) > " + random.nextInt(1000);
                case 5:
                    return random.nextBoolean() ? "amount < \"5\"" : "amout > 1";
                case 6:
                    return "not online and merchant_id matches \"m[0-9]+\"";
                default:
                    return "amount " + comparison() + " " + number();
            }
        }

        private String comparison() {
            return new String[] {"<", "<=", ">", ">=", "=", "!="}[random.nextInt(6)];
        }

        private String number() {
            return random.nextBoolean() ? Integer.toString(random.nextInt(1000)) : random.nextInt(100) + "." + random.nextInt(100);
        }
    }
}
