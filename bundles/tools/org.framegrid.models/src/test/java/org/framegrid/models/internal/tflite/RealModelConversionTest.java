package org.framegrid.models.internal.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.stream.Stream;

import org.framegrid.models.internal.MediaPipePackages;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every .tflite model of the four MediaPipe npm packages converts, loads in ONNX Runtime and keeps TFLite's input and
 * output names and shapes; the one with MediaPipe-only custom operators fails with a clear error. The models are
 * the files pinned below, read from the npm tarballs the model build fetched ({@link MediaPipePackages}).
 */
class RealModelConversionTest {

    /** file -> SHA-256, from @mediapipe/{selfie_segmentation,pose,face_mesh,hands} (some inside packed .data). */
    static final Map<String, String> MODELS = Map.ofEntries(
            Map.entry("selfie_segmentation.tflite", "8d13b7fae74af625c641226813616a2117bd6bca19eb3b75574621fc08557f27"),
            Map.entry("selfie_segmentation_landscape.tflite", "4aafe6223bb8dac6fac8ca8ed56852870a33051ef3f6238822d282a109962894"),
            Map.entry("pose_detection.tflite", "a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85"),
            Map.entry("pose_landmark_lite.tflite", "f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61"),
            Map.entry("pose_landmark_full.tflite", "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f"),
            Map.entry("pose_landmark_heavy.tflite", "59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe"),
            Map.entry("face_detection_short_range.tflite", "3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633"),
            Map.entry("face_landmark.tflite", "c603fa6149219a3e9487dc9abd7a0c24474c77263273d24868378cdf40aa26d1"),
            Map.entry("palm_detection_lite.tflite", "e9a4aaddf90dda56a87235303cf00e4c2d3fb28725f68fd88772997dac905c18"),
            Map.entry("palm_detection_full.tflite", "2f25e740121983f68ffc05f99991d524dc0ea812134f6316a26125816941ee85"),
            Map.entry("hand_landmark_lite.tflite", "d7fde8ac11f8ce03f8663775bfc323f4fc9f2a38062b4f4efa142874ef5b2a48"),
            Map.entry("hand_landmark_full.tflite", "8c026882c9ec059ce0f8e75266bee5a9a23c341a40e0000df755374d3d1b9b68"));

    static final String ATTENTION = "face_landmark_with_attention.tflite";

    static byte[] model(String file) throws Exception {
        return MediaPipePackages.model(file);
    }

    @TestFactory
    Stream<DynamicTest> convertsAndKeepsTheSignature() {
        return MODELS.keySet().stream().sorted().map(file -> DynamicTest.dynamicTest(file, () -> {
            byte[] tflite = model(file);
            assertEquals(MODELS.get(file), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tflite)));
            TfliteModel source = TfliteModel.read(tflite);
            try (Ort ort = new Ort(TfliteToOnnx.convert(tflite, TfliteToOnnx.Options.defaults()))) {
                TfliteModel.TensorInfo input = source.tensor(source.inputs[0]);
                assertEquals(input.name(), ort.inputName());
                assertArrayEquals(Arrays.stream(input.shape()).asLongStream().toArray(), ort.inputShape());
                Map<String, long[]> shapes = ort.outputShapes();
                LinkedHashSet<String> expectedNames = new LinkedHashSet<>();
                for (int t : source.outputs) {
                    TfliteModel.TensorInfo output = source.tensor(t);
                    expectedNames.add(output.name());
                    assertArrayEquals(Arrays.stream(output.shape()).asLongStream().toArray(), shapes.get(output.name()),
                            output.name());
                }
                assertEquals(expectedNames, shapes.keySet());
                // It runs: all outputs come back finite on a mid-grey input.
                long[] shape = ort.inputShape();
                float[] grey = new float[(int) (shape[1] * shape[2] * shape[3])];
                Arrays.fill(grey, 0.5f);
                for (Map.Entry<String, float[]> output : ort.run(grey).entrySet()) {
                    for (float v : output.getValue()) {
                        assertTrue(Float.isFinite(v), output.getKey() + " has " + v);
                    }
                }
            }
        }));
    }

    @Test
    void faceLandmarkWithAttentionNamesItsFirstMediaPipeOperator() throws Exception {
        byte[] tflite = model(ATTENTION);
        assertEquals("883b7411747bac657c30c462d305d312e9dec6adbf8b85e2f5d8d722fca9455d",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tflite)));
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> TfliteToOnnx.convert(tflite, TfliteToOnnx.Options.defaults()));
        assertEquals("Landmarks2TransformMatrix", e.site().operator());
        assertEquals(192, e.site().operatorIndex());
        assertEquals("landmarks_to_transform_matrix_v2", e.site().outputTensor());
    }
}
