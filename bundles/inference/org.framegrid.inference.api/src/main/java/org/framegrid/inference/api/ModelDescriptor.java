package org.framegrid.inference.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model is and how to feed it: the contents of a model bundle's descriptor. Immutable.
 *
 * @param name       model name, unique per model family, for example {@code blazeface-front}; what pipelines name
 * @param version    an OSGi-style version ({@code major.minor.micro}); a higher one replaces a lower one
 * @param task       what it does, for example {@code face-detection}, {@code segmentation}, {@code ocr-detection}
 * @param input      the image input
 * @param outputs    the outputs that matter, in the order the model declares them
 * @param license    SPDX id of the weights' licence
 * @param properties further model-specific settings (anchors, thresholds, label file), as strings
 */
public record ModelDescriptor(String name, String version, String task, ImageInput input, List<ModelOutput> outputs,
        String license, Map<String, String> properties) {

    public ModelDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(license, "license");
        outputs = List.copyOf(outputs);
        properties = Map.copyOf(properties);
    }

    /** @return the output with meaning {@code meaning}, or {@code null} when there is none */
    public ModelOutput output(String meaning) {
        return outputs.stream().filter(output -> output.meaning().equals(meaning)).findFirst().orElse(null);
    }

    /** @return the output names in declaration order */
    public List<String> outputNames() {
        return outputs.stream().map(ModelOutput::name).toList();
    }
}
