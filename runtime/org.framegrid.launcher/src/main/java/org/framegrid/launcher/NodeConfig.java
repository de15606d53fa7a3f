package org.framegrid.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework properties of a node: {@code conf/framework.properties} with {@code ${name}} references resolved,
 * overridden by JVM system properties of the same families (so {@code -Dfelix.fileinstall.poll=100} works).
 */
final class NodeConfig {

    static final String HOME = "framegrid.home";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
    private static final String[] OVERRIDABLE = {"framegrid.", "felix.", "org.osgi.", "ds.", "gosh."};

    private NodeConfig() {
    }

    /** @throws IllegalArgumentException with a one-line reason when the file cannot be read or a reference is unknown */
    static Map<String, String> load(Path home) {
        Path file = home.resolve("conf/framework.properties");
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> config = new LinkedHashMap<>();
        raw.stringPropertyNames().stream().sorted().forEach(key -> config.put(key, raw.getProperty(key).strip()));
        System.getProperties().stringPropertyNames().stream()
                .filter(NodeConfig::overridable)
                .forEach(key -> config.put(key, System.getProperty(key)));
        config.put(HOME, home.toAbsolutePath().normalize().toString());
        config.replaceAll((key, value) -> resolve(file, key, value, config, 0));
        return config;
    }

    private static boolean overridable(String key) {
        for (String prefix : OVERRIDABLE) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String resolve(Path file, String key, String value, Map<String, String> config, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException(file + ": " + key + " refers to itself through ${...}");
        }
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            String replacement = config.containsKey(name) ? config.get(name) : System.getProperty(name);
            if (replacement == null) {
                throw new IllegalArgumentException(file + ": " + key + " refers to unknown property ${" + name + "}");
            }
            reference.appendReplacement(resolved,
                    Matcher.quoteReplacement(resolve(file, name, replacement, config, depth + 1)));
        }
        return reference.appendTail(resolved).toString();
    }
}
