package org.framegrid.testing.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** What the tree check reads from a pom: the module's artifactId, the versions it sets, the properties it defines. */
final class Poms {

    /** The elements whose {@code <version>} names an artifact's version. */
    private static final Set<String> VERSIONED = Set.of("dependency", "plugin", "artifactItem", "extension");
    private static final String OWN_VERSION = "${project.version}";

    /**
     * A {@code <version>} set at {@code line} for {@code artifact} (groupId:artifactId); {@code ofPluginDependency}
     * when it is a dependency of a plugin (which dependencyManagement does not reach).
     */
    record Version(int line, String artifact, String version, boolean ofPluginDependency) {
    }

    private Poms() {
    }

    /** @return the project's own artifactId (the child of {@code <project>}, not the parent's) */
    static String artifactId(Path pom) {
        Handler handler = parse(pom);
        if (handler.artifactId == null) {
            throw new IllegalStateException(pom + ": no <artifactId> in <project>");
        }
        return handler.artifactId;
    }

    /** @return every dependency, plugin or artifact item version other than {@code ${project.version}} */
    static List<Version> versions(Path pom) {
        return parse(pom).versions;
    }

    /** @return the names of the properties the project defines ({@code <project><properties>}) */
    static Set<String> properties(Path pom) {
        return parse(pom).properties;
    }

    private static Handler parse(Path pom) {
        Handler handler = new Handler();
        try {
            SAXParserFactory.newInstance().newSAXParser().parse(pom.toFile(), handler);
        } catch (SAXException e) {
            throw new IllegalStateException(pom + ": not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
        return handler;
    }

    /** One versioned element being read: its coordinates and where its version was. */
    private static final class Entry {
        final int depth;
        final boolean ofPlugin;
        String groupId = "";
        String artifactId = "";
        String version;
        int versionLine;

        Entry(int depth, boolean ofPlugin) {
            this.depth = depth;
            this.ofPlugin = ofPlugin;
        }
    }

    private static final class Handler extends DefaultHandler {
        final List<Version> versions = new ArrayList<>();
        final Set<String> properties = new TreeSet<>();
        String artifactId;
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<Entry> entries = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private Locator locator;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            path.push(qName);
            text.setLength(0);
            if (VERSIONED.contains(qName)) {
                entries.push(new Entry(path.size(), qName.equals("dependency") && path.contains("plugin")));
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String value = text.toString().trim();
            Entry entry = entries.peek();
            if (entry != null && path.size() == entry.depth + 1) {
                switch (qName) {
                    case "groupId" -> entry.groupId = value;
                    case "artifactId" -> entry.artifactId = value;
                    case "version" -> {
                        entry.version = value;
                        entry.versionLine = locator.getLineNumber();
                    }
                    default -> {
                    }
                }
            }
            if (path.size() == 2 && qName.equals("artifactId")) {
                artifactId = value;
            }
            if (path.size() == 3 && path.stream().skip(1).findFirst().orElseThrow().equals("properties")) {
                properties.add(qName);
            }
            if (entry != null && path.size() == entry.depth) {
                entries.pop();
                if (entry.version != null && !entry.version.equals(OWN_VERSION)) {
                    versions.add(new Version(entry.versionLine, entry.groupId + ":" + entry.artifactId,
                            entry.version, entry.ofPlugin));
                }
            }
            path.pop();
            text.setLength(0);
        }
    }
}
