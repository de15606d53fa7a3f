package org.framegrid.sample.stamp.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.MetaKey;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PlainStage;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code stamp} stage: writes "which bundle processed this frame" into the frame's metadata and passes the pixels
 * on untouched. Replacing this bundle under a running stream shows (and lets tests prove) that every frame after the
 * swap went through the new version.
 */
@Component(name = "org.framegrid.sample.stamp", service = StageProvider.class)
@StageType(type = StampStageProvider.TYPE, classification = "Filter/Video/Marker")
public final class StampStageProvider extends FactoryStageProvider {

    static final String TYPE = "stamp";
    /** Metadata key (by name: readers in other bundles use an equal key). */
    static final MetaKey<String> STAMP = new MetaKey<>("framegrid.sample.stamp", String.class);

    private static final StageDescriptor DESCRIPTOR = new StageDescriptor(TYPE, "Filter/Video/Marker",
            "Marks every frame with the symbolic name and version of the bundle that processed it.",
            EnumSet.allOf(PixelFormat.class), OutputRule.SAME_AS_INPUT, Set.of(), null,
            List.of(new PropertyDescriptor("label", PropertyType.STRING, "", true,
                    "Text appended to the stamp; may change while playing.")));

    @Activate
    public StampStageProvider(BundleContext context) {
        super(DESCRIPTOR, stamping(context.getBundle().getSymbolicName() + " " + context.getBundle().getVersion()));
    }

    /** @return a factory of instances that stamp each frame with {@code stamp} and the label */
    private static Supplier<Stage> stamping(String stamp) {
        return () -> new PlainStage() {
            private volatile String text = stamp;

            @Override
            protected void apply(StageProperties properties) {
                String label = properties.getString("label");
                text = label.isEmpty() ? stamp : stamp + " " + label;
            }

            @Override
            public Frame process(Frame input) {
                return input.meta(STAMP, text);
            }
        };
    }
}
