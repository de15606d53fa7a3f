package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.media.embedded.EmbeddedMedia;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Await;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.webrtc.embedded.EmbeddedWebRtc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway's page in a real headless Chromium with a fake camera: it goes live over WHIP with a pipeline that turns
 * the picture grey on the orchestrator, plays the output over WHEP, and measures glass-to-glass latency on the time
 * code it drew into what it sent. Processed frames are told by a red patch the page sent that comes back grey. Then
 * the browser vanishes without a DELETE and the gateway frees the stream within seconds. Malformed WHIP/WHEP requests
 * get clear HTTP errors.
 */
@Timeout(240)
class BrowserLiveTest {
    private static final int SECONDS = 15;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        MemorySegmentChannels channels = new MemorySegmentChannels(5);
        EmbeddedEngine engine = new EmbeddedEngine(1000, false);
        open.add(engine);
        EmbeddedWebRtc webrtc = new EmbeddedWebRtc(false);
        open.add(webrtc);
        EmbeddedMedia media = new EmbeddedMedia(channels);
        engine.addProvider(media.decode(), 0, 1, "media");
        engine.addProvider(media.encode(), 0, 2, "media");
        engine.addProvider(Providers.stage("passthrough"), 0, 3, "util");
        engine.addProvider(Providers.stage("resize"), 0, 4, "util");
        engine.addProvider(webrtc.source(), 0, 5, "webrtc");
        engine.addProvider(webrtc.sink(), 0, 6, "webrtc");
        // The orchestrator's pipeline: what it decodes comes out grey (decoded to GRAY8), which only it can make.
        engine.register(new PipelineDefinition("grey", "test", "1", List.of(
                new NodeDefinition("dec", "decode", Map.of("input", "", "format", "GRAY8")),
                new NodeDefinition("pass", "passthrough", Map.of()),
                new NodeDefinition("enc", "encode", Map.of("output", "", "fps", 30))),
                List.of(new EdgeDefinition("dec", "pass", null), new EdgeDefinition("pass", "enc", null)),
                QueuePolicy.LATEST, null));
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        open.add((AutoCloseable) servers);
        TestPayments payments = new TestPayments(1);
        EmbeddedOrchestrator orchestrator = new EmbeddedOrchestrator(new OrchestratorSettings("0xa", "127.0.0.1", 0,
                false, List.of("grey"), 2, BigInteger.valueOf(1_000), 10, 1000), engine, channels, payments, servers);
        open.add(orchestrator);
        gateway = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(orchestrator.uri()),
                Map.of(), BigInteger.valueOf(5_000), 2_000, 3_000), channels,
                Providers.service(OrchestratorSelector.class), payments, servers);
        open.add(gateway);
        gateway.useWebRtc(() -> engine, webrtc::peers);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void thePageGoesLiveOverWhipAndPlaysTheProcessedStreamOverWhep() throws Exception {
        Chromium.require();
        String page = gateway.uri() + "/page/";
        String url = page + "?auto=1&keep=1&source=camera&stream=cam&pipeline=grey&seconds=" + SECONDS;
        JsonNode result;
        Path shot = Path.of("target", "browser-live.png");
        try (Chromium browser = new Chromium(url); CdpPage tab = new CdpPage(browser, page)) {
            open.add(browser);
            long deadline = System.currentTimeMillis() + (SECONDS + 60) * 1000L;
            do {
                Thread.sleep(500);
                result = tab.eval("window.result");
            } while (!result.path("done").asBoolean() && System.currentTimeMillis() < deadline);
            Files.createDirectories(shot.getParent());
            Files.write(shot, tab.screenshot());
            System.out.println("browser result: " + result + " (load average "
                    + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage()) + "), screenshot " + shot.toAbsolutePath());
            assertTrue(result.path("done").asBoolean(), "the page finished within its time: " + result);
            assertEquals(0, result.path("errors").size(), "the page's errors: " + result);
            assertEquals("0xa", result.path("orchestrator").asText(), "the page shows the orchestrator");
            long frames = result.path("frames").asLong();
            assertTrue(frames >= SECONDS * 5, "processed frames played: " + result);
            assertTrue(result.path("grey").asLong() >= frames * 9 / 10,
                    "the red patch the page sent comes back grey: the pipeline made these frames: " + result);
            JsonNode glass = result.path("glassToGlassMs");
            assertTrue(glass.path("n").asLong() >= frames / 2, "the time code is read on most frames: " + result);
            assertTrue(glass.path("p50").asLong() < 5_000, "glass-to-glass p50 measured: " + result);

            // The browser vanishes without a DELETE: the gateway frees the stream within seconds.
            assertTrue(gateway.stream(streamOf("cam")) != null, "still live before the browser goes");
            long gone = System.nanoTime();
            browser.kill();
            Await.until("the stream of the vanished browser is freed", 20_000, () -> gateway.streams().isEmpty());
            System.out.println("stream freed " + (System.nanoTime() - gone) / 1_000_000 + " ms after the browser died");
        }
    }

    @Test
    void malformedWhipAndWhepRequestsGetClearErrors() throws Exception {
        String base = gateway.uri() + LiveRoutes.PREFIX;
        HttpResponse<String> noPipeline = post(base + "x/whip", "application/sdp", "v=0");
        assertEquals(400, noPipeline.statusCode(), noPipeline.body());
        assertTrue(noPipeline.body().contains("'pipeline'"), noPipeline.body());
        HttpResponse<String> notSdp = post(base + "x/whip?pipeline=grey", "application/json", "{}");
        assertEquals(415, notSdp.statusCode(), notSdp.body());
        HttpResponse<String> badOffer = post(base + "x/whip?pipeline=grey", "application/sdp", "not an offer");
        assertEquals(400, badOffer.statusCode(), badOffer.body());
        assertTrue(gateway.streams().isEmpty(), "a refused offer leaves no stream behind");
        HttpResponse<String> noStream = post(base + "nobody/whep", "application/sdp", "v=0");
        assertEquals(404, noStream.statusCode(), noStream.body());
        HttpResponse<String> noStatus = http.send(HttpRequest.newBuilder(URI.create(base + "nobody/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, noStatus.statusCode(), noStatus.body());
    }

    private String streamOf(String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + LiveRoutes.PREFIX + name
                + "/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("gateway").path("id").asText();
    }

    private HttpResponse<String> post(String url, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
