package org.framegrid.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.junit.jupiter.api.Test;

/** The records' null checks name the first missing component, as {@code Objects.requireNonNull(x, "x")} did. */
class ComponentsTest {

    @Test
    void theFirstNullIsNamed() {
        assertEquals("b", assertThrows(NullPointerException.class,
                () -> Components.requireNonNull("a b c", "x", null, null)).getMessage());
        Components.requireNonNull("a b", "x", 1);
    }

    @Test
    void recordsNameTheirMissingComponent() {
        assertEquals("revision", assertThrows(NullPointerException.class,
                () -> new PipelineDefinition("p", "test", null, List.of(), List.of(), QueuePolicy.LATEST, null))
                .getMessage());
        assertEquals("description", assertThrows(NullPointerException.class,
                () -> new PropertyDescriptor("n", PropertyType.STRING, null, false, null)).getMessage());
    }
}
