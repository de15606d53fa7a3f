package org.framegrid.api.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a stage attaches replaces an upstream tensor of the same name and keeps the others in order. */
class TensorsTest {

    private static FrameTensor tensor(String name) {
        return new FrameTensor(name, new int[] {1}, ByteBuffer.allocate(4));
    }

    private static List<String> names(Tensors tensors) {
        return tensors.items().stream().map(FrameTensor::name).toList();
    }

    @Test
    void addedTensorsReplaceTheirNamesakesAndComeLast() {
        Tensors upstream = new Tensors(List.of(tensor("a"), tensor("b"), tensor("c")));
        FrameTensor newB = tensor("b");
        Tensors merged = upstream.with(List.of(newB, tensor("d")));
        assertEquals(List.of("a", "c", "b", "d"), names(merged));
        assertEquals(newB, merged.items().get(2));
        assertEquals(List.of("a", "b", "c"), names(upstream), "the original is unchanged");
        assertEquals(List.of("x"), names(new Tensors(List.of()).with(List.of(tensor("x")))));
    }
}
