package org.framegrid.demo.internal.latency;

import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.NodeDefinition;

/**
 * One configuration the bench measures: a picture size and a pipeline the orchestrators offer, with the stages that
 * pipeline runs between its decode and encode (the baseline runs the same stages in this process).
 *
 * @param width the picture width
 * @param height the picture height
 * @param pipeline the pipeline's name on the network (pipelines/NAME.yaml)
 * @param stages its stages between decode and encode, as in its file; empty for an interactive pipeline
 * @param interactive whether the pipeline has no input video and is driven by app events ({@code scene})
 */
public record BenchConfig(int width, int height, String pipeline, List<NodeDefinition> stages, boolean interactive) {
    static final int FPS = 30;
    static final long BITRATE = 2_000_000;

    /** The pipelines the bench knows, with their stages as pipelines/*.yaml define them. */
    static BenchConfig of(String pipeline, int width, int height) {
        return switch (pipeline) {
            case "live-passthrough" -> new BenchConfig(width, height, pipeline,
                    List.of(new NodeDefinition("read", "read-frame-code", Map.of())), false);
            case "faces" -> new BenchConfig(width, height, pipeline, List.of(
                    new NodeDefinition("detect-faces", "detect-faces",
                            Map.of("model", "blazeface-front", "score-threshold", 0.6)),
                    new NodeDefinition("overlay", "overlay", Map.of())), false);
            case "scene" -> new BenchConfig(width, height, pipeline, List.of(), true);
            default -> throw new IllegalArgumentException("pipeline '" + pipeline + "' is not one the bench knows "
                    + "(live-passthrough, faces, scene)");
        };
    }

    /** @return e.g. "640x360 faces" */
    String label() {
        return width + "x" + height + " " + pipeline;
    }

    /** @return the frame interval in milliseconds */
    double intervalMillis() {
        return 1000.0 / FPS;
    }
}
