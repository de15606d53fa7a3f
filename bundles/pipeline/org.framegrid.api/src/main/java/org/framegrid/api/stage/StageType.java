package org.framegrid.api.stage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type for {@link StageProvider} components: publishes the stage type as service properties
 * {@code framegrid.stage.type} and {@code framegrid.stage.classification}, so that tools and targets can select
 * providers without calling them. The engine still reads the authoritative {@link StageProvider#descriptor()}.
 *
 * <p>Kept at run time (since 1.6), so that a provider can build its descriptor from the annotation and state its
 * type and classification once.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StageType {

    /** Prefix of the generated service properties. */
    String PREFIX_ = "framegrid.stage.";

    /** @return the stage type name, equal to {@link StageDescriptor#type()} */
    String type();

    /** @return the GStreamer-style classification, e.g. {@code Filter/Video/Scaler} */
    String classification() default "";
}
