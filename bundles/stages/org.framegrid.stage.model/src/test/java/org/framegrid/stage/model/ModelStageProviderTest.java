package org.framegrid.stage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageType;
import org.junit.jupiter.api.Test;

/** A provider's descriptor built from its @StageType, and the shared property factories. */
class ModelStageProviderTest {

    @StageType(type = "probe", classification = "Filter/Analyzer/Video")
    static final class Annotated extends ModelStageProvider {
        Annotated() {
            super("probing", "Probes.", modelProperty("probe-model", "The model."),
                    threshold("score-threshold", 0.25, "Smallest score."),
                    perFrameLimit("max-probes", 7L, 99, "Most probes."),
                    inputSize(320L, 32, 2048, "Longer side."));
        }

        @Override
        public Stage create() {
            throw new UnsupportedOperationException();
        }
    }

    static final class Unannotated extends ModelStageProvider {
        Unannotated() {
            super("probing", "Probes.");
        }

        @Override
        public Stage create() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theTypeAndClassificationComeFromTheAnnotation() {
        StageDescriptor d = new Annotated().descriptor();
        assertEquals("probe", d.type());
        assertEquals("Filter/Analyzer/Video", d.classification());
        assertEquals("Probes.", d.description());
        assertEquals(ModelStageProvider.describe("probe", "Filter/Analyzer/Video", "Probes.",
                d.properties().toArray(PropertyDescriptor[]::new)), d);
    }

    @Test
    void theSharedPropertiesSayWhatTheyAre() {
        List<PropertyDescriptor> p = new Annotated().descriptor().properties();
        assertEquals(new PropertyDescriptor("model", PropertyType.STRING, "probe-model", false, false, List.of(), null,
                null, "The model.", "1.0"), p.get(0));
        assertEquals(new PropertyDescriptor("score-threshold", PropertyType.DOUBLE, 0.25, true, 0, 1,
                "Smallest score."), p.get(1));
        assertEquals(new PropertyDescriptor("max-probes", PropertyType.INTEGER, 7L, true, 1, 99, "Most probes."),
                p.get(2));
        assertEquals(new PropertyDescriptor("size", PropertyType.INTEGER, 320L, false, 32, 2048, "Longer side."),
                p.get(3));
    }

    @Test
    void aProviderWithoutStageTypeIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Unannotated::new);
        assertTrue(e.getMessage().contains("Unannotated has no @StageType"), e.getMessage());
    }
}
