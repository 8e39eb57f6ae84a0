package dev.vigil.bench;

import dev.vigil.dsl.check.Compilation;
import dev.vigil.dsl.check.SourceLoader;
import dev.vigil.dsl.check.VigilCompiler;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.parse.VglParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The compiler in a warm JVM (what hot reload will pay): the starter pack, and 100 generated
 * rules. Run from the repository root: {@code java -jar benchmarks/target/benchmarks.jar Compile}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {
    private Map<String, String> pack;
    private List<String> packRoots;
    private Map<String, String> generated;
    private String generatedRules;

    @Setup
    public void load() throws IOException {
        pack = new HashMap<>();
        try (var walk = Files.walk(Path.of("rules"))) {
            for (Path p : walk.filter(x -> x.toString().endsWith(".vgl")).toList()) {
                pack.put(p.toString(), Files.readString(p));
            }
        }
        packRoots = pack.keySet().stream().filter(k -> k.contains("examples")).sorted().toList();
        StringBuilder b = new StringBuilder("import \"rules/schema/events.vgl\"\n");
        Random random = new Random(100);
        for (int i = 0; i < 100; i++) {
            b.append(GenerateRules.rule(i, random));
        }
        generatedRules = b.toString();
        generated = new HashMap<>(pack);
        generated.put("generated.vgl", generatedRules);
    }

    @Benchmark
    public Compilation compileStarterPack() {
        return VigilCompiler.compile(SourceLoader.of(pack), packRoots);
    }

    @Benchmark
    public Compilation compile100GeneratedRules() {
        return VigilCompiler.compile(SourceLoader.of(generated), List.of("generated.vgl"));
    }

    @Benchmark
    public Object parse100GeneratedRules() {
        return VglParser.parse("generated.vgl", generatedRules, new Diagnostics());
    }
}
