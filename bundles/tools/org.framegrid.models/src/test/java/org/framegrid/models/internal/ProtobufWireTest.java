package org.framegrid.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** The protobuf codec against a real ONNX file (BlazeFace, from its bundle), and the rewrite's refusal. */
class ProtobufWireTest {

    private static byte[] blazeface() throws IOException {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("framegrid.models.out"), "blazeface-front.jar").toFile());
                InputStream in = jar.getInputStream(jar.getJarEntry("model/face_detection_front_128x128_barracuda.onnx"))) {
            return in.readAllBytes();
        }
    }

    @Test
    void parsingAndWritingARealModelGivesTheSameBytes() throws Exception {
        byte[] model = blazeface();
        List<ProtobufWire.Field> fields = ProtobufWire.parse(model);
        assertArrayEquals(model, ProtobufWire.write(fields));
        // ModelProto.producer_name (2) of a tf2onnx export
        assertEquals("tf2onnx", ProtobufWire.string(fields, 2));
    }

    @Test
    void aModelWithoutConstantSizeResizesIsRefused() throws Exception {
        IOException e = assertThrows(IOException.class, () -> DynamicResize.apply(blazeface()));
        assertEquals("no Resize with constant sizes found: nothing to make dynamic", e.getMessage());
        assertThrows(IOException.class, () -> ProtobufWire.parse(new byte[] {0x0a, 0x05, 1}), "truncated field");
    }
}
