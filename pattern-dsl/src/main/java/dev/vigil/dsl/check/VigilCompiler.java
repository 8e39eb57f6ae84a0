package dev.vigil.dsl.check;

import dev.vigil.dsl.ast.Decl;
import dev.vigil.dsl.ast.EventDecl;
import dev.vigil.dsl.ast.RuleDecl;
import dev.vigil.dsl.ast.Span;
import dev.vigil.dsl.ast.TestDecl;
import dev.vigil.dsl.ast.VglFile;
import dev.vigil.dsl.diag.Diagnostics;
import dev.vigil.dsl.diag.SourceFile;
import dev.vigil.dsl.parse.VglParser;
import dev.vigil.dsl.program.RuleProgram;
import dev.vigil.dsl.program.RuleTest;
import dev.vigil.dsl.schema.EventSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compiles a set of pattern files: parse each (following imports), declare the events, compile
 * the rules, compile the rule tests. Names are global to the set. Every error of every file is
 * collected; a set with any error yields no rules.
 */
public final class VigilCompiler {
    public static final String EXTENSION = ".vgl";

    private final SourceLoader loader;
    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<String, SourceFile> sources = new LinkedHashMap<>();
    private final Map<String, VglParser.Parsed> parsed = new LinkedHashMap<>();

    private VigilCompiler(SourceLoader loader) {
        this.loader = loader;
    }

    /** Compiles files and folders (every {@code *.vgl} below a folder, in name order). */
    public static Compilation compilePaths(List<Path> paths) {
        List<String> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(expand(p));
        }
        return compile(SourceLoader.fileSystem(), files);
    }

    public static Compilation compile(SourceLoader loader, List<String> roots) {
        return new VigilCompiler(loader).run(roots);
    }

    /** The pattern files a command-line argument stands for. */
    public static List<String> expand(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p.toString());
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(f -> f.toString().endsWith(EXTENSION) && Files.isRegularFile(f)).sorted()
                    .map(Path::toString).toList();
        } catch (IOException e) {
            return List.of(p.toString());
        }
    }

    private Compilation run(List<String> roots) {
        load(roots);
        Map<String, EventSchema> events = new LinkedHashMap<>();
        Map<String, Located<EventDecl>> eventDecls = new LinkedHashMap<>();
        Map<String, Located<RuleDecl>> ruleDecls = new LinkedHashMap<>();
        List<Located<TestDecl>> testDecls = new ArrayList<>();
        for (VglParser.Parsed p : importsFirst(roots)) {
            VglFile f = p.file();
            for (Decl d : f.decls()) {
                if (d instanceof EventDecl e) {
                    unique(eventDecls, new Located<>(f.path(), e), "event");
                } else if (d instanceof RuleDecl r) {
                    unique(ruleDecls, new Located<>(f.path(), r), "rule");
                } else {
                    testDecls.add(new Located<>(f.path(), (TestDecl) d));
                }
            }
        }
        for (Located<EventDecl> e : eventDecls.values()) {
            new SchemaCompiler(e.file, text(e.file), diagnostics).compile(e.decl)
                    .ifPresent(s -> events.put(s.name(), s));
        }
        // A rule that reads an event type whose declaration failed would only repeat that error.
        Map<String, RuleProgram> rules = new LinkedHashMap<>();
        if (events.size() == eventDecls.size()) {
            for (Located<RuleDecl> r : ruleDecls.values()) {
                new RuleCompiler(r.file, text(r.file), diagnostics, events).compile(r.decl)
                        .ifPresent(p -> rules.put(p.name(), p));
            }
        }
        List<RuleTest> tests = new ArrayList<>();
        for (Located<TestDecl> t : testDecls) {
            String rule = t.decl.name().text();
            new TestCompiler(t.file, text(t.file), diagnostics, events)
                    .compile(t.decl, Optional.ofNullable(rules.get(rule)), ruleDecls.containsKey(rule), ruleDecls.keySet())
                    .ifPresent(tests::add);
        }
        checkTestTitles(testDecls);
        boolean ok = !diagnostics.hasErrors();
        return new Compilation(ok ? new ArrayList<>(rules.values()) : List.of(), new ArrayList<>(events.values()),
                ok ? tests : List.of(), diagnostics.sorted(), sources, parsed);
    }

    private void load(List<String> roots) {
        Deque<String> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            String path = queue.poll();
            if (sources.containsKey(path)) {
                continue;
            }
            Optional<String> text = loader.read(path);
            if (text.isEmpty()) {
                diagnostics.error(path, new Span(1, 1, 0, 1), "cannot read `" + path + "`",
                        "check the path; folders are searched for *" + EXTENSION + " files");
                sources.put(path, new SourceFile(path, ""));
                continue;
            }
            sources.put(path, new SourceFile(path, text.get()));
            Optional<VglParser.Parsed> p = VglParser.parse(path, text.get(), diagnostics);
            if (p.isEmpty()) {
                continue;
            }
            parsed.put(path, p.get());
            for (VglFile.Import imp : p.get().file().imports()) {
                String target = loader.resolve(path, imp.target());
                if (sources.containsKey(target)) {
                    continue;
                }
                if (loader.read(target).isEmpty()) {
                    diagnostics.error(path, imp.span(), "cannot find imported file `" + imp.target() + "`",
                            "looked for `" + target + "`; imports are relative to the importing file");
                    sources.put(target, new SourceFile(target, ""));
                    continue;
                }
                queue.add(target);
            }
        }
    }

    /** Parsed files with every file after the files it imports, so "declared twice" points at the importer. */
    private List<VglParser.Parsed> importsFirst(List<String> roots) {
        List<VglParser.Parsed> order = new ArrayList<>();
        java.util.Set<String> visited = new java.util.HashSet<>();
        for (String root : roots) {
            visit(root, visited, order);
        }
        return order;
    }

    private void visit(String path, java.util.Set<String> visited, List<VglParser.Parsed> order) {
        VglParser.Parsed p = parsed.get(path);
        if (p == null || !visited.add(path)) {
            return;
        }
        for (VglFile.Import imp : p.file().imports()) {
            visit(loader.resolve(path, imp.target()), visited, order);
        }
        order.add(p);
    }

    private <D extends Decl> void unique(Map<String, Located<D>> seen, Located<D> decl, String what) {
        Located<D> first = seen.putIfAbsent(decl.decl.name().text(), decl);
        if (first != null) {
            diagnostics.error(decl.file, decl.decl.name().span(), what + " `" + decl.decl.name() + "` is declared twice",
                    "the first is at " + first.file + ":" + first.decl.name().span().line());
        }
    }

    private void checkTestTitles(List<Located<TestDecl>> tests) {
        Map<String, Located<TestDecl>> seen = new LinkedHashMap<>();
        for (Located<TestDecl> t : tests) {
            Located<TestDecl> first = seen.putIfAbsent(t.decl.name().text() + "\u0000" + t.decl.title(), t);
            if (first != null) {
                diagnostics.error(t.file, t.decl.span(), "rule `" + t.decl.name() + "` has two tests called \""
                        + t.decl.title() + "\"", "the first is at " + first.file + ":" + first.decl.span().line());
            }
        }
    }

    private String text(String file) {
        return sources.get(file).text();
    }

    private record Located<D>(String file, D decl) {}
}
