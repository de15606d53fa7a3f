package org.framegrid.models.internal.tflite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Landmark outputs of MediaPipe's landmark models, compared as points: mean and largest distance in input pixels. */
final class Landmarks {

    /** model file prefix, output name, values per landmark, landmarks compared (the screen ones). */
    private record Layout(String prefix, String output, int stride, int count) {
    }

    private static final Layout[] LAYOUTS = {
        new Layout("pose_landmark", "Identity", 5, 33),
        new Layout("face_landmark", "conv2d_21", 3, 468),
        new Layout("hand_landmark", "Identity", 3, 21),
    };

    private Landmarks() {
    }

    static Optional<String> describe(String modelFile, Map<String, float[]> outputs, Path expected) throws IOException {
        for (Layout layout : LAYOUTS) {
            if (modelFile.startsWith(layout.prefix()) && outputs.containsKey(layout.output())) {
                float[] ours = outputs.get(layout.output());
                float[] theirs = ReferenceCheckTest.floats(expected.resolve(layout.output() + ".f32"));
                double[] d = distances(ours, theirs, layout.stride(), layout.count());
                return Optional.of(String.format("; %d landmarks: mean distance %.4f px, max %.4f px (input pixels)",
                        layout.count(), d[0], d[1]));
            }
        }
        return Optional.empty();
    }

    /** {mean, max} Euclidean distance of the (x, y) of {@code count} landmarks. */
    static double[] distances(float[] a, float[] b, int stride, int count) {
        double sum = 0;
        double max = 0;
        for (int i = 0; i < count; i++) {
            double d = Math.hypot(a[i * stride] - b[i * stride], a[i * stride + 1] - b[i * stride + 1]);
            sum += d;
            max = Math.max(max, d);
        }
        return new double[] {sum / count, max};
    }
}
