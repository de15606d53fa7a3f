package org.framegrid.ingest.internal;

import java.net.URI;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An RTMP or SRT ingest port per configuration (factory PID {@code org.framegrid.ingest}): publishers pushing to it go live on
 * the configured gateway with the configured pipeline.
 */
@Component(name = "org.framegrid.ingest", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = IngestComponent.Config.class, factory = true)
public final class IngestComponent {

    @ObjectClassDefinition(name = "Framegrid RTMP/SRT ingest")
    public @interface Config {
        @AttributeDefinition(description = "What publishers push: RTMP or SRT (MPEG-TS). Since 0.1.")
        PushIngest.Protocol protocol() default PushIngest.Protocol.RTMP;

        @AttributeDefinition(description = "Address to listen on. Since 0.1.")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "Port; FFmpeg's listener takes one publisher at a time. Since 0.1.")
        int port() default 1935;

        @AttributeDefinition(description = "The gateway's developer API. Since 0.1.")
        String gateway() default "http://127.0.0.1:8936";

        @AttributeDefinition(description = "The pipeline every publisher's stream runs. Since 0.1.")
        String pipeline();

        @AttributeDefinition(description = "The gateway's API key, when it requires one. Since 0.1.")
        String api_key() default "";
    }

    private final PushIngest ingest;

    @Activate
    public IngestComponent(Config config) {
        ingest = new PushIngest(config.protocol(), config.host(), config.port(), URI.create(config.gateway()), config.pipeline(),
                Map.of(), config.api_key());
    }

    @Deactivate
    void deactivate() {
        ingest.close();
    }
}
