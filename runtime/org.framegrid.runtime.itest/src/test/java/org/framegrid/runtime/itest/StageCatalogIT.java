package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.testing.Await;
import org.framegrid.webrtc.api.WebRtcPeers;
import org.framegrid.webrtc.api.WebRtcStages;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Every stage a bundle of the node (and its samples) declares is in the node's stage catalog. A DS component
 * publishes only the interfaces its own class names, so a provider that is a {@code StageProvider} through a base
 * class ({@code FactoryStageProvider}) registered nothing unless its {@code @Component} said
 * {@code service = StageProvider.class}: webrtc-in and webrtc-out were missing from real nodes that way, while tests
 * that register providers by hand passed. These checks read what SCR was given (the bundles' generated OSGI-INF),
 * so the next provider written that way fails here. The gateway's WHIP and WHEP pipelines check clean against the
 * node's catalog, and a stream into a webrtc-out outlet runs in the node.
 */
@ExamReactorStrategy(PerClass.class)
public class StageCatalogIT extends NodeTest {

    private static final String STAGE_TYPE = StageType.PREFIX_ + "type";

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private StageCatalog catalog;

    @Inject
    private PipelineService pipelines;

    @Inject
    private WebRtcPeers peers;

    @Override
    @Configuration
    public Option[] configuration() {
        List<Option> samples = new ArrayList<>();
        NodeBundles.jars(NodeBundles.nodeDir().resolve("samples"))
                .forEach(jar -> samples.add(bundle(jar.toUri().toString())));
        return NodeBundles.node(samples.toArray(Option[]::new));
    }

    @Test
    public void everyStageProviderComponentProvidesStageProvider() throws Exception {
        List<String> providers = new ArrayList<>();
        List<String> notProvided = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            Class<?> implementation = context.getBundle(description.bundle.id).loadClass(description.implementationClass);
            boolean typed = description.properties.containsKey(STAGE_TYPE);
            if (!typed && !StageProvider.class.isAssignableFrom(implementation)) {
                continue;
            }
            providers.add(description.name);
            if (!List.of(description.serviceInterfaces).contains(StageProvider.class.getName())) {
                notProvided.add(description.name + " (" + description.implementationClass + ", provides "
                        + List.of(description.serviceInterfaces) + ")");
            }
        }
        assertTrue("stage providers found: " + providers, providers.containsAll(List.of("org.framegrid.webrtc.in",
                "org.framegrid.webrtc.out", "org.framegrid.media.decode", "org.framegrid.sample.stamp")));
        assertEquals("components that are stage providers but do not register as StageProvider (name "
                + "service = StageProvider.class in @Component when the class inherits the interface)", List.of(),
                notProvided);
    }

    @Test
    public void theCatalogListsEveryDeclaredStageType() throws Exception {
        Set<String> declared = new TreeSet<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            Object type = description.properties.get(STAGE_TYPE);
            if (type != null) {
                declared.add(type.toString());
            }
        }
        assertTrue("declared stage types: " + declared, declared.containsAll(List.of("webrtc-in", "webrtc-out",
                "stamp")));
        Await.until("every declared stage type is in the catalog", WAIT_MILLIS, () -> missing(declared).isEmpty(),
                () -> "declared stage types missing from the catalog: " + missing(declared));
    }

    /** The gateway's WHIP ingest and WHEP egress pipelines (as its WebRtcEdge builds them) are valid in the node. */
    @Test
    public void theGatewaysWhipAndWhepPipelinesAreValidInTheNode() {
        PipelineDefinition ingest = new PipelineDefinition("whip-ingest", "StageCatalogIT", "1", List.of(
                new NodeDefinition("in", "webrtc-in", Map.of("peer", "p1")),
                new NodeDefinition("size", "resize", Map.of("width", 640, "height", 480)),
                new NodeDefinition("enc", MediaStages.ENCODE, Map.of(MediaStages.ENCODE_OUTPUT,
                        MediaStages.CHANNEL_PREFIX + "c1", "fps", 30))),
                List.of(new EdgeDefinition("in", "size", null), new EdgeDefinition("size", "enc", null)),
                QueuePolicy.LATEST, null);
        PipelineDefinition egress = new PipelineDefinition("whep-egress", "StageCatalogIT", "1", List.of(
                new NodeDefinition("dec", MediaStages.DECODE, Map.of(MediaStages.DECODE_INPUT,
                        MediaStages.CHANNEL_PREFIX + "c1", "format", "I420", "audio-pcm", true)),
                new NodeDefinition("out", "webrtc-out", Map.of("outlet", "o1"))),
                List.of(new EdgeDefinition("dec", "out", null)), QueuePolicy.LATEST, null);
        Await.until("webrtc-in and webrtc-out are in the catalog", WAIT_MILLIS,
                () -> catalog.find("webrtc-in").isPresent() && catalog.find("webrtc-out").isPresent(),
                () -> "catalog: " + listed());
        assertEquals("WHIP ingest problems", List.of(), catalog.check(ingest));
        assertEquals("WHEP egress problems", List.of(), catalog.check(egress));
    }

    /** A stream into a webrtc-out outlet runs in the node: its outlet is there for WHEP viewers while it runs. */
    @Test
    public void aStreamIntoAWebRtcOutletRunsInTheNode() throws Exception {
        PipelineDefinition outlet = new PipelineDefinition("to-outlet", "StageCatalogIT", "1", List.of(
                new NodeDefinition("source", "test-source", Map.of("width", 64, "height", 48, "fps", 10.0,
                        "format", "I420")),
                new NodeDefinition("out", WebRtcStages.SINK, Map.of(WebRtcStages.SINK_OUTLET, "it-outlet"))),
                List.of(new EdgeDefinition("source", "out", null)), QueuePolicy.LATEST, null);
        Await.until("webrtc-out is in the catalog", WAIT_MILLIS, () -> catalog.find(WebRtcStages.SINK).isPresent(),
                () -> "catalog: " + listed());
        assertFalse(peers.hasOutlet("it-outlet"));
        try (StreamHandle stream = pipelines.start(outlet, "outlet-test", Map.of())) {
            Await.until("the outlet runs for WHEP viewers", WAIT_MILLIS, () -> peers.hasOutlet("it-outlet"));
        }
        Await.until("the outlet ends with its stream", WAIT_MILLIS, () -> !peers.hasOutlet("it-outlet"));
    }

    private Set<String> missing(Set<String> declared) {
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(listed());
        return missing;
    }

    private Set<String> listed() {
        Set<String> types = new TreeSet<>();
        for (StageDescriptor descriptor : catalog.all()) {
            types.add(descriptor.type());
        }
        return types;
    }
}
