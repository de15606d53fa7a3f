package org.framegrid.inference.models.descriptor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.ModelOutput;
import org.framegrid.inference.api.Normalization;
import org.framegrid.inference.api.SizeRule;
import org.framegrid.inference.api.TensorLayout;
import org.osgi.framework.Version;

/**
 * Reads a model descriptor ({@code model.properties}). Keys: {@code name}, {@code version}, {@code task},
 * {@code license}, {@code file}; {@code input.name}, {@code input.layout} (NCHW|NHWC), {@code input.size}
 * ({@code WxH}, a side may be {@code *}, optionally {@code , multiple-of-N}; or {@code multiple-of-N}), {@code input.color} (RGB|BGR|RGB_ONE|GRAY), {@code input.scale} (a number or
 * {@code 1/N}), {@code input.mean}, {@code input.std} (comma-separated); {@code output.N.name},
 * {@code output.N.meaning}, {@code output.N.detail} for N = 0, 1, ...; {@code property.K} (model-specific settings,
 * stored as K) and {@code source.K} (provenance written by the build, stored as source.K). Any other key is an error,
 * so a typo is reported rather than silently ignored. Stateless and thread-safe.
 */
public final class DescriptorParser {

    /** The descriptor key naming the model file, relative to the descriptor's folder. */
    public static final String FILE = "file";

    private static final Set<String> KEYS = Set.of("name", "version", "task", "license", FILE, "input.name",
            "input.layout", "input.size", "input.color", "input.scale", "input.mean", "input.std");
    private static final Pattern OUTPUT = Pattern.compile("output\\.(\\d+)\\.(name|meaning|detail)");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern SIZE = Pattern.compile("(\\d+|\\*)x(\\d+|\\*)(?:\\s*,\\s*multiple-of-(\\d+))?");
    private static final Pattern MULTIPLE = Pattern.compile("multiple-of-(\\d+)");

    private DescriptorParser() {
    }

    /**
     * @param properties the descriptor's keys
     * @param origin     where it comes from, for messages (bundle and path)
     * @throws DescriptorException naming {@code origin}, the key and the problem
     */
    public static ModelDescriptor parse(Properties properties, String origin) throws DescriptorException {
        Reader reader = new Reader(properties, origin);
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key) && !OUTPUT.matcher(key).matches() && !key.startsWith("property.")
                    && !key.startsWith("source.")) {
                throw reader.error(key, "unknown key (known: " + new TreeSet<>(KEYS)
                        + ", output.N.{name,meaning,detail}, property.*, source.*)");
            }
        }
        String name = reader.required("name");
        if (!NAME.matcher(name).matches()) {
            throw reader.error("name", "'" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        String version = reader.required("version");
        try {
            Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw reader.error("version", "'" + version + "' is not a version major.minor.micro[.qualifier]");
        }
        reader.required(FILE);
        ImageInput input = new ImageInput(reader.required("input.name"),
                reader.enumValue("input.layout", TensorLayout.class), size(reader),
                reader.enumValue("input.color", ColorOrder.class), normalization(reader));
        Map<String, String> extra = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("property.")) {
                extra.put(key.substring("property.".length()), properties.getProperty(key));
            } else if (key.startsWith("source.") || key.equals(FILE)) {
                extra.put(key, properties.getProperty(key));
            }
        }
        return new ModelDescriptor(name, version, reader.required("task"), input, outputs(reader, properties),
                reader.required("license"), extra);
    }

    private static SizeRule size(Reader reader) throws DescriptorException {
        String text = reader.required("input.size");
        Matcher sides = SIZE.matcher(text);
        Matcher multiple = MULTIPLE.matcher(text);
        try {
            if (sides.matches()) {
                int width = sides.group(1).equals("*") ? 0 : Integer.parseInt(sides.group(1));
                int height = sides.group(2).equals("*") ? 0 : Integer.parseInt(sides.group(2));
                int step = sides.group(3) == null ? 1 : Integer.parseInt(sides.group(3));
                if (width == 0 || height == 0 || step != 1) {
                    return new SizeRule(width, height, step);
                }
                return SizeRule.fixed(width, height);
            }
            if (multiple.matches()) {
                return SizeRule.multipleOf(Integer.parseInt(multiple.group(1)));
            }
        } catch (IllegalArgumentException e) {
            throw reader.error("input.size", e.getMessage());
        }
        throw reader.error("input.size", "'" + text + "' is neither WIDTHxHEIGHT (e.g. 128x128, *x48), optionally"
                + " followed by ', multiple-of-N', nor multiple-of-N");
    }

    private static Normalization normalization(Reader reader) throws DescriptorException {
        float scale = reader.number("input.scale", reader.optional("input.scale", "1"));
        float[] mean = reader.numbers("input.mean", reader.optional("input.mean", "0"));
        float[] std = reader.numbers("input.std", reader.optional("input.std", "1"));
        try {
            return new Normalization(scale, mean, std);
        } catch (IllegalArgumentException e) {
            throw reader.error("input.std", e.getMessage());
        }
    }

    /** Outputs are numbered 0..max without gaps; a gap shows as the missing name of the first absent number. */
    private static ArrayList<ModelOutput> outputs(Reader reader, Properties properties) throws DescriptorException {
        int last = -1;
        for (String key : properties.stringPropertyNames()) {
            Matcher output = OUTPUT.matcher(key);
            if (output.matches()) {
                last = Math.max(last, Integer.parseInt(output.group(1)));
            }
        }
        ArrayList<ModelOutput> outputs = new ArrayList<>();
        for (int i = 0; i <= Math.max(last, 0); i++) {
            outputs.add(new ModelOutput(reader.required("output." + i + ".name"),
                    reader.required("output." + i + ".meaning"), reader.optional("output." + i + ".detail", "")));
        }
        return outputs;
    }

    /** Key access that reports problems with the origin and the key. */
    private record Reader(Properties properties, String origin) {

        DescriptorException error(String key, String problem) {
            return new DescriptorException("model descriptor " + origin + ": " + key + ": " + problem);
        }

        String required(String key) throws DescriptorException {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                throw error(key, "missing");
            }
            return value.trim();
        }

        String optional(String key, String fallback) {
            String value = properties.getProperty(key);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) throws DescriptorException {
            String value = required(key);
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(key, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        float number(String key, String text) throws DescriptorException {
            try {
                int slash = text.indexOf('/');
                float value = slash < 0 ? Float.parseFloat(text)
                        : Float.parseFloat(text.substring(0, slash).trim()) / Float.parseFloat(text.substring(slash + 1).trim());
                if (!Float.isFinite(value)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(key, "'" + text + "' is not a finite number (or N/M)");
            }
        }

        float[] numbers(String key, String text) throws DescriptorException {
            String[] parts = text.split(",");
            float[] values = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = number(key, parts[i].trim());
            }
            return values;
        }
    }
}
