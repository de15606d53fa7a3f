package org.framegrid.models.internal.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.framegrid.models.internal.MediaPipePackages;
import org.junit.jupiter.api.Test;

class PackedAssetsTest {

    @Test
    void slicesTheFilesTheLoaderLists() {
        String loader = "loadPackage({\"files\": [{\"filename\": \"/a/x.txt\", \"start\": 0, \"end\": 3}, "
                + "{\"filename\": \"/b/y.tflite\", \"start\": 3, \"end\": 7}], \"remote_package_size\": 7});";
        Map<String, byte[]> files = PackedAssets.extract(loader, "abcdefg".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("/a/x.txt", "/b/y.tflite"), List.copyOf(files.keySet()));
        assertArrayEquals("defg".getBytes(StandardCharsets.US_ASCII), files.get("/b/y.tflite"));
    }

    @Test
    void anEntryPastTheEndOfTheDataIsAClearError() {
        String loader = "{\"filename\": \"/m.tflite\", \"start\": 2, \"end\": 99}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackedAssets.extract(loader, new byte[10]));
        assertEquals("packed asset /m.tflite spans bytes 2..99 of a 10-byte data file", e.getMessage());
    }

    @Test
    void theDetectorsComeOutOfTheirPackagesIntact() throws Exception {
        for (String packed : List.of("pose_detection.tflite", "face_detection_short_range.tflite",
                "face_landmark.tflite", "palm_detection_lite.tflite", "palm_detection_full.tflite")) {
            byte[] model = MediaPipePackages.model(packed);
            assertEquals(RealModelConversionTest.MODELS.get(packed),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)), packed);
        }
    }
}
