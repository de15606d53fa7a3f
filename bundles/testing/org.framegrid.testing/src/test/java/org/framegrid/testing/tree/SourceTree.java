package org.framegrid.testing.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules of a Framegrid source tree and the rules every one of them keeps (issue 14 §1, style guide B.7):
 * <ul>
 * <li>no source file, main or test, refers to another bundle's {@code .internal} package (a package belongs to the
 * bundle whose symbolic name is its longest prefix);</li>
 * <li>no child pom sets a dependency or plugin version other than {@code ${project.version}}: versions live in the
 * root pom. A plugin's own dependency, which dependencyManagement does not reach, may name a property the root pom
 * defines: its version still lives there;</li>
 * <li>no main source file is over {@value #MAX_MAIN_LINES} lines;</li>
 * <li>no test-support code (test frameworks, the test-support module, {@code testing} packages, benchmarks) is under
 * {@code src/main} of a product bundle;</li>
 * <li>no product ships a test PKI (Netty's {@code netty-pkitesting}, in a product's pom other than in test scope or
 * imported by its main code) or a trust manager that trusts every server (an empty {@code checkServerTrusted}).</li>
 * </ul>
 * Each problem names the file and line.
 */
public final class SourceTree {

    static final int MAX_MAIN_LINES = 400;

    /** Modules whose {@code src/main} may hold test support and benchmarks: the test-support module and the tools. */
    private static final List<String> NOT_PRODUCT = List.of("bundles/testing/", "bundles/tools/");

    private static final Pattern INTERNAL = Pattern.compile("\\b((?:[a-z_][a-z0-9_]*\\.)+internal)\\b");
    private static final Pattern TEST_SUPPORT_IMPORT = Pattern.compile(
            "^\\s*import\\s+(?:static\\s+)?(org\\.junit|org\\.opentest4j|org\\.framegrid\\.testing|io\\.netty\\.pkitesting)\\b");
    private static final Pattern TRUST_CHECK = Pattern.compile("\\bcheckServerTrusted\\s*\\(");
    private static final Pattern EMPTY_BODY = Pattern.compile("^[^{;]*\\{\\s*}", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** A module: its folder relative to the root, and its bundle symbolic name (= artifactId, cnf/build.bnd). */
    record Module(Path dir, String bsn) {
    }

    /** A broken rule at {@code file:line}. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    private final Path root;
    private final List<Module> modules;

    private SourceTree(Path root, List<Module> modules) {
        this.root = root;
        this.modules = modules;
    }

    /** Reads the modules under {@code root}: each folder with a pom.xml and a src folder. */
    public static SourceTree of(Path root) {
        List<Module> modules = new ArrayList<>();
        for (Path pom : files(root, p -> p.getFileName().toString().equals("pom.xml"))) {
            Path dir = pom.getParent();
            if (Files.isDirectory(dir.resolve("src"))) {
                modules.add(new Module(root.relativize(dir), Poms.artifactId(pom)));
            }
        }
        modules.sort(Comparator.comparing((Module m) -> m.bsn().length()).reversed());
        return new SourceTree(root, modules);
    }

    /** @return every broken rule, in file order */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        for (Module module : modules) {
            for (Path file : files(root.resolve(module.dir()).resolve("src"), p -> p.toString().endsWith(".java"))) {
                problems.addAll(checkSource(module, file));
            }
        }
        Path rootPom = root.resolve("pom.xml");
        Set<String> rootProperties = Files.isRegularFile(rootPom) ? Poms.properties(rootPom) : Set.of();
        for (Path pom : files(root, p -> p.getFileName().toString().equals("pom.xml"))) {
            if (product(root.relativize(pom.getParent()))) {
                List<String> lines = read(pom);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("<artifactId>netty-pkitesting</artifactId>") && !lines.get(i).contains("<scope>test</scope>")) {
                        problems.add(new Problem(rel(pom), i + 1, "Netty's test PKI (netty-pkitesting) in a product: "
                                + "test scope only (certificates are made with BouncyCastle, org.framegrid.trickle.tls)"));
                    }
                }
            }
            if (!pom.getParent().equals(root)) {
                problems.addAll(Poms.versions(pom).stream().filter(v -> !ofRoot(v, rootProperties))
                        .map(v -> new Problem(rel(pom), v.line(), v.artifact() + " sets version " + v.version()
                                + ": versions live in the root pom (dependencyManagement or pluginManagement); a child "
                                + "pom names no version but ${project.version}, and a plugin's own dependency a root "
                                + "property"))
                        .toList());
            }
        }
        problems.sort(Comparator.comparing(Problem::file).thenComparing(Problem::line));
        return problems;
    }

    /** A plugin's own dependency whose version is a property of the root pom: the version lives there. */
    private static boolean ofRoot(Poms.Version version, Set<String> rootProperties) {
        Matcher m = PROPERTY.matcher(version.version());
        return version.ofPluginDependency() && m.matches() && rootProperties.contains(m.group(1));
    }

    /** @return the bundle a package belongs to: the module whose symbolic name is its longest prefix */
    Optional<String> owner(String pkg) {
        return modules.stream().map(Module::bsn).filter(b -> pkg.equals(b) || pkg.startsWith(b + "."))
                .findFirst();
    }

    private List<Problem> checkSource(Module module, Path file) {
        List<String> lines = read(file);
        List<Problem> problems = new ArrayList<>();
        String path = rel(file);
        boolean main = file.startsWith(root.resolve(module.dir()).resolve("src/main"));
        boolean product = product(module.dir());
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String code = lines.get(i);
            // Comments may name internal packages (e.g. to say why a test needs no more of them); code may not.
            if (inComment) {
                int end = code.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                code = code.substring(end + 2);
                inComment = false;
            }
            int open = code.indexOf("/*");
            if (open >= 0 && code.indexOf("*/", open) < 0) {
                inComment = true;
                code = code.substring(0, open);
            }
            int slashes = code.indexOf("//");
            code = slashes >= 0 ? code.substring(0, slashes) : code;
            Matcher m = INTERNAL.matcher(code);
            while (m.find()) {
                String pkg = m.group(1);
                owner(pkg).filter(o -> !o.equals(module.bsn())).ifPresent(o -> problems.add(new Problem(path,
                        line, "refers to " + pkg + ", an internal package of " + o + ": use an "
                        + "exported API of " + o + " or the test-support module org.framegrid.testing")));
            }
            if (main && product) {
                Matcher t = TEST_SUPPORT_IMPORT.matcher(code);
                if (t.find()) {
                    problems.add(new Problem(path, line, "test support (" + t.group(1)
                            + ") under src/main of the product bundle " + module.bsn()
                            + ": it belongs in src/test or in org.framegrid.testing"));
                }
                if (TRUST_CHECK.matcher(code).find() && EMPTY_BODY.matcher(String.join("\n",
                        lines.subList(i, Math.min(lines.size(), i + 4))).substring(code.indexOf("checkServerTrusted")))
                        .find()) {
                    problems.add(new Problem(path, line, "a trust manager that trusts every server, under src/main of "
                            + "the product bundle " + module.bsn() + ": check the certificate (NodeTrust) or use the JDK's"));
                }
                Matcher p = PACKAGE.matcher(code);
                if (p.find() && List.of(p.group(1).split("\\.")).contains("testing")) {
                    problems.add(new Problem(path, line, "a testing package under src/main of the "
                            + "product bundle " + module.bsn() + ": test support belongs in org.framegrid.testing"));
                }
            }
        }
        if (main && product && file.getFileName().toString().endsWith("Bench.java")) {
            problems.add(new Problem(path, 1, "a benchmark under src/main of the product bundle " + module.bsn()
                    + ": benchmarks belong in bundles/tools/org.framegrid.bench or the module's src/test"));
        }
        if (main && lines.size() > MAX_MAIN_LINES) {
            problems.add(new Problem(path, MAX_MAIN_LINES + 1, lines.size() + " lines: a main source file has at most "
                    + MAX_MAIN_LINES + " (one job per class)"));
        }
        return problems;
    }

    /** @return whether {@code dir} (relative to the root) is part of the product: not the tools or test support */
    private static boolean product(Path dir) {
        return NOT_PRODUCT.stream().noneMatch(prefix -> (dir + "/").startsWith(prefix));
    }

    private String rel(Path file) {
        return root.relativize(file).toString();
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Files under {@code dir} that {@code filter} accepts, skipping build output, dependencies and hidden folders. */
    static List<Path> files(Path dir, Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    String name = folder.getFileName().toString();
                    boolean skipped = !folder.equals(dir)
                            && (name.equals("target") || name.equals("node_modules") || name.startsWith("."));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && filter.test(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        found.sort(null);
        return found;
    }
}
