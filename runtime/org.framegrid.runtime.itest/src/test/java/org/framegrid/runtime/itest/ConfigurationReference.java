package org.framegrid.runtime.itest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The configuration reference (docs/configuration.md) made from what the node's bundles declare: every metatype
 * resource ({@code OSGI-INF/metatype/*.xml}, which bnd writes from the components' {@code @ObjectClassDefinition}) of
 * every bundle in the node, one section per configuration PID with each key's type, default and description.
 */
final class ConfigurationReference {

    /** One configuration PID: where it comes from and its keys. */
    private record Pid(String pid, boolean factory, String bundle, String name, String description, List<Key> keys) {
    }

    private record Key(String id, String type, String cardinality, String defaultValue, String description) {
    }

    private ConfigurationReference() {
    }

    /** @return the reference of the bundles (jars) in {@code bundles}, in markdown */
    static String of(List<Path> bundles) throws Exception {
        List<Pid> pids = new ArrayList<>();
        for (Path jar : bundles) {
            try (JarFile file = new JarFile(jar.toFile())) {
                String bsn = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                for (JarEntry entry : file.stream().toList()) {
                    if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                        try (InputStream in = file.getInputStream(entry)) {
                            pids.addAll(read(in, bsn == null ? jar.getFileName().toString() : bsn.split(";")[0]));
                        }
                    }
                }
            }
        }
        pids.sort(Comparator.comparing(Pid::pid));
        StringBuilder md = new StringBuilder("""
                # Configuration reference

                Every configuration PID of a node, made from the components' metatype (`@ObjectClassDefinition`) in the
                assembled node's bundles. `ConfigurationReferenceTest` (in `./framegrid test`) fails when this file and
                the bundles disagree, and writes the current one to
                `runtime/org.framegrid.runtime.itest/target/configuration.md`. A configuration is a file
                `deploy/PID.cfg` (or `conf/PID.cfg`) with `key = value` lines; a factory PID takes
                `deploy/PID-NAME.cfg`, one file per instance.
                """);
        for (Pid p : pids) {
            md.append("\n## `").append(p.pid()).append('`').append(p.factory() ? " (factory)" : "").append("\n\n")
                    .append(p.name()).append(p.description().isEmpty() ? "" : ": " + p.description())
                    .append(" (bundle `").append(p.bundle()).append("`)\n\n")
                    .append("| key | type | default | description |\n|---|---|---|---|\n");
            for (Key k : p.keys()) {
                md.append("| `").append(k.id()).append("` | ").append(k.type())
                        .append(k.cardinality().isEmpty() || k.cardinality().equals("0") ? "" : "[]").append(" | ")
                        .append(k.defaultValue().isEmpty() ? "" : "`" + k.defaultValue() + "`").append(" | ")
                        .append(cell(k.description())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static List<Pid> read(InputStream xml, String bundle) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
        Map<String, Element> ocds = new HashMap<>();
        NodeList ocdList = doc.getElementsByTagName("OCD");
        for (int i = 0; i < ocdList.getLength(); i++) {
            Element ocd = (Element) ocdList.item(i);
            ocds.put(ocd.getAttribute("id"), ocd);
        }
        List<Pid> pids = new ArrayList<>();
        NodeList designates = doc.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element d = (Element) designates.item(i);
            boolean factory = !d.getAttribute("factoryPid").isEmpty();
            String pid = factory ? d.getAttribute("factoryPid") : d.getAttribute("pid");
            Element object = (Element) d.getElementsByTagName("Object").item(0);
            Element ocd = ocds.get(object.getAttribute("ocdref"));
            List<Key> keys = new ArrayList<>();
            NodeList ads = ocd.getElementsByTagName("AD");
            for (int j = 0; j < ads.getLength(); j++) {
                Element ad = (Element) ads.item(j);
                keys.add(new Key(ad.getAttribute("id"), ad.getAttribute("type"), ad.getAttribute("cardinality"),
                        ad.getAttribute("default"), ad.getAttribute("description")));
            }
            pids.add(new Pid(pid, factory, bundle, ocd.getAttribute("name"), ocd.getAttribute("description"), keys));
        }
        return pids;
    }

    /** A table cell: pipes escaped, line breaks as spaces. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    /** Fails with IOException when the node is not assembled. */
    static List<Path> nodeBundles() throws IOException {
        return NodeBundles.jars(NodeBundles.nodeDir().resolve("bundle"));
    }
}
