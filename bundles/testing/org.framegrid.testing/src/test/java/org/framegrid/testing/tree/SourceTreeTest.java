package org.framegrid.testing.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree check on small synthetic trees: each rule finds what breaks it, at the right file and line, and no more. */
class SourceTreeTest {

    /** What a version problem says after the artifact and its version. */
    private static final String VERSION_RULE = ": versions live in the root pom (dependencyManagement or "
            + "pluginManagement); a child pom names no version but ${project.version}, and a plugin's own dependency a "
            + "root property";

    @TempDir
    Path root;

    private void pom(String dir, String artifactId, String dependencies) throws IOException {
        write(dir + "/pom.xml", """
                <project>
                  <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
                  <artifactId>%s</artifactId>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(artifactId, dependencies));
    }

    private void module(String dir, String bsn) throws IOException {
        pom(dir, bsn, "");
        Files.createDirectories(root.resolve(dir).resolve("src/main/java"));
    }

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private List<String> problems() {
        return SourceTree.of(root).problems().stream().map(SourceTree.Problem::toString).toList();
    }

    @Test
    void aTestImportingAnotherBundlesInternalPackageIsNamedWithItsLine() throws IOException {
        write("pom.xml", "<project><artifactId>root</artifactId></project>");
        module("a", "org.example.a");
        module("b", "org.example.b");
        write("a/src/main/java/org/example/a/internal/Core.java", "package org.example.a.internal;\nclass Core {}\n");
        write("b/src/test/java/org/example/b/internal/UsesCore.java", """
                package org.example.b.internal;

                import org.example.b.internal.Own;
                import org.example.a.internal.Core;
                """);
        List<String> problems = problems();
        assertEquals(1, problems.size(), "" + problems);
        assertEquals("b/src/test/java/org/example/b/internal/UsesCore.java:4: refers to org.example.a.internal, an "
                + "internal package of org.example.a: use an exported API of org.example.a or the test-support module "
                + "org.framegrid.testing", problems.getFirst());
    }

    @Test
    void aPackageBelongsToTheBundleWithTheLongestPrefix() throws IOException {
        module("a", "org.example.a");
        module("ab", "org.example.a.b");
        write("a/src/main/java/org/example/a/Api.java", """
                package org.example.a;
                // org.example.a.b.internal is named in a comment: allowed
                /* and in a block comment,
                   org.example.a.b.internal too */
                class Api { org.example.a.b.internal.Hidden h; org.example.a.internal.Mine m; }
                """);
        write("ab/src/test/java/org/example/a/b/internal/T.java", """
                package org.example.a.b.internal;
                import static org.example.a.internal.Util.help;
                """);
        assertEquals(List.of(
                "a/src/main/java/org/example/a/Api.java:5: refers to org.example.a.b.internal, an internal package of "
                        + "org.example.a.b: use an exported API of org.example.a.b or the test-support module "
                        + "org.framegrid.testing",
                "ab/src/test/java/org/example/a/b/internal/T.java:2: refers to org.example.a.internal, an internal "
                        + "package of org.example.a: use an exported API of org.example.a or the test-support module "
                        + "org.framegrid.testing"), problems());
    }

    @Test
    void aChildPomSettingAVersionIsNamedTheRootPomIsNot() throws IOException {
        write("pom.xml", """
                <project><artifactId>root</artifactId>
                  <properties><other.version>3.0</other.version><tool.version>1.2</tool.version></properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>g</groupId><artifactId>lib</artifactId><version>2.0</version></dependency>
                  </dependencies></dependencyManagement>
                </project>
                """);
        pom("a", "org.example.a", """
                    <dependency><groupId>org.example</groupId><artifactId>org.example.b</artifactId><version>${project.version}</version></dependency>
                    <dependency><groupId>g</groupId><artifactId>lib</artifactId></dependency>
                    <dependency><groupId>g</groupId><artifactId>other</artifactId>
                      <version>${other.version}</version></dependency>
                """);
        write("b/pom.xml", """
                <project><artifactId>b</artifactId>
                  <build><plugins><plugin><artifactId>maven-dependency-plugin</artifactId><version>3.0</version>
                    <configuration><artifactItems><artifactItem><groupId>g</groupId><artifactId>x</artifactId>
                      <version>1</version></artifactItem></artifactItems></configuration>
                  </plugin></plugins></build>
                </project>
                """);
        assertEquals(List.of(
                "a/pom.xml:8: g:other sets version ${other.version}" + VERSION_RULE,
                "b/pom.xml:2: :maven-dependency-plugin sets version 3.0" + VERSION_RULE,
                "b/pom.xml:4: g:x sets version 1" + VERSION_RULE), problems());
    }

    @Test
    void aPluginsOwnDependencyMayNameAPropertyTheRootPomDefines() throws IOException {
        write("pom.xml", """
                <project><artifactId>root</artifactId>
                  <properties><tool.version>1.2</tool.version></properties>
                </project>
                """);
        write("c/pom.xml", """
                <project><artifactId>c</artifactId>
                  <build><plugins><plugin><artifactId>exec-maven-plugin</artifactId>
                    <dependencies>
                      <dependency><groupId>g</groupId><artifactId>tool</artifactId><version>${tool.version}</version></dependency>
                      <dependency><groupId>g</groupId><artifactId>undefined</artifactId><version>${nowhere.version}</version></dependency>
                      <dependency><groupId>g</groupId><artifactId>literal</artifactId><version>1.2</version></dependency>
                    </dependencies>
                  </plugin></plugins></build>
                </project>
                """);
        assertEquals(List.of(
                "c/pom.xml:5: g:undefined sets version ${nowhere.version}" + VERSION_RULE,
                "c/pom.xml:6: g:literal sets version 1.2" + VERSION_RULE), problems());
    }

    @Test
    void aMainFileOverFourHundredLinesIsNamedATestFileIsNot() throws IOException {
        module("a", "org.example.a");
        String lines400 = String.join("\n", Collections.nCopies(400, "//")) + "\n";
        write("a/src/main/java/org/example/a/Fits.java", lines400);
        write("a/src/main/java/org/example/a/TooLong.java", lines400 + "//\n");
        write("a/src/test/java/org/example/a/LongTest.java", lines400 + lines400);
        assertEquals(List.of("a/src/main/java/org/example/a/TooLong.java:401: 401 lines: a main source file has at "
                + "most 400 (one job per class)"), problems());
    }

    @Test
    void testSupportUnderSrcMainOfAProductBundleIsNamedInToolsAndTheTestingModuleItIsNot() throws IOException {
        module("bundles/stages/x", "org.example.x");
        module("bundles/tools/bench", "org.example.bench");
        module("bundles/testing/t", "org.example.t");
        write("bundles/stages/x/src/main/java/org/example/x/testing/Helper.java", """
                package org.example.x.testing;
                import org.junit.jupiter.api.Assertions;
                """);
        write("bundles/stages/x/src/main/java/org/example/x/internal/SpeedBench.java", "package org.example.x.internal;\n");
        write("bundles/stages/x/src/test/java/org/example/x/internal/XTest.java", "import org.junit.jupiter.api.Test;\n");
        write("bundles/tools/bench/src/main/java/org/example/bench/EngineBench.java", "import org.junit.jupiter.api.Assertions;\n");
        write("bundles/testing/t/src/main/java/org/example/t/testing/Await.java", "package org.example.t.testing;\n"
                + "import org.junit.jupiter.api.Assertions;\n");
        assertEquals(List.of(
                "bundles/stages/x/src/main/java/org/example/x/internal/SpeedBench.java:1: a benchmark under src/main "
                        + "of the product bundle org.example.x: benchmarks belong in bundles/tools/org.framegrid.bench "
                        + "or the module's src/test",
                "bundles/stages/x/src/main/java/org/example/x/testing/Helper.java:1: a testing package under src/main "
                        + "of the product bundle org.example.x: test support belongs in org.framegrid.testing",
                "bundles/stages/x/src/main/java/org/example/x/testing/Helper.java:2: test support (org.junit) under "
                        + "src/main of the product bundle org.example.x: it belongs in src/test or in "
                        + "org.framegrid.testing"), problems());
    }

    @Test
    void aTestPkiOrATrustAllManagerInAProductIsNamedInTestsItIsNot() throws IOException {
        module("bundles/network/t", "org.example.t");
        pom("bundles/network/t", "org.example.t", """
                    <dependency><groupId>io.netty</groupId><artifactId>netty-pkitesting</artifactId><scope>provided</scope></dependency>
                    <dependency><groupId>io.netty</groupId><artifactId>netty-pkitesting</artifactId><scope>test</scope></dependency>
                """);
        write("bundles/network/t/src/main/java/org/example/t/internal/Certs.java", """
                package org.example.t.internal;
                import io.netty.pkitesting.CertificateBuilder;
                class TrustAll {
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }
                    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e)
                            throws CertificateException {
                        check(chain);
                    }
                }
                """);
        write("bundles/network/t/src/test/java/org/example/t/internal/CertsTest.java",
                "import io.netty.pkitesting.CertificateBuilder;\n");
        assertEquals(List.of(
                "bundles/network/t/pom.xml:5: Netty's test PKI (netty-pkitesting) in a product: test scope only "
                        + "(certificates are made with BouncyCastle, org.framegrid.trickle.tls)",
                "bundles/network/t/src/main/java/org/example/t/internal/Certs.java:2: test support "
                        + "(io.netty.pkitesting) under src/main of the product bundle org.example.t: it belongs in "
                        + "src/test or in org.framegrid.testing",
                "bundles/network/t/src/main/java/org/example/t/internal/Certs.java:4: a trust manager that trusts "
                        + "every server, under src/main of the product bundle org.example.t: check the certificate "
                        + "(NodeTrust) or use the JDK's"), problems());
    }

    @Test
    void buildOutputIsNotChecked() throws IOException {
        module("a", "org.example.a");
        module("b", "org.example.b");
        write("b/target/classes/META-INF/maven/pom.xml", "<project><artifactId>b</artifactId><dependencies>"
                + "<dependency><groupId>g</groupId><artifactId>x</artifactId><version>1</version></dependency>"
                + "</dependencies></project>");
        write("b/src/main/java/org/example/b/Fine.java", "import org.example.a.Api;\n");
        assertEquals(List.of(), problems());
    }
}
