package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway's page in a real headless Chromium with a fake camera: it goes live over WHIP with the faces pipeline
 * (BlazeFace on the CPU, its overlay) that also turns the picture grey on the orchestrator, plays the output over
 * WHEP with the camera's audio (the fake device's beep, not silence), and measures glass-to-glass latency on the time code it drew into what it sent. Processed frames are told by a
 * red patch the page sent that comes back grey. The page's parameter controls are built from the pipeline's stage
 * descriptors, and moving the width slider changes the picture it plays (narrow, the time code is smeared). Its Stop ends the stream (WHIP DELETE) and Go live starts it again.
 * Then the browser vanishes without a DELETE and the gateway frees the stream within seconds, and only it. Malformed
 * WHIP/WHEP requests, and requests without the API key a gateway requires, get clear HTTP errors.
 */
@Timeout(240)
class BrowserLiveTest {
    private static final int SECONDS = 15;
    private final HttpClient http = HttpClient.newHttpClient();
    private LiveNode node;
    private Gateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        node = new LiveNode();
        gateway = node.gateway;
    }

    @AfterEach
    void tearDown() throws Exception {
        node.close();
    }

    @Test
    void thePageGoesLiveOverWhipAndPlaysTheProcessedStreamOverWhep() throws Exception {
        Chromium.require();
        String page = gateway.uri() + "/page/";
        String url = page + "?auto=1&keep=1&source=camera&stream=cam&pipeline=faces-grey&seconds=" + SECONDS;
        JsonNode result;
        Path shot = Path.of("target", "browser-live.png");
        try (Chromium browser = new Chromium(url); CdpPage tab = new CdpPage(browser, page)) {
            result = awaitResult(tab, SECONDS);
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
            // The fake camera's beep goes in over WHIP (Opus, decoded to PCM), through the pipeline as AAC, and
            // comes back over WHEP as Opus: the page plays it and measures it (energy and peak are 0 for silence).
            JsonNode audio = result.path("audio");
            assertTrue(audio.path("packets").asLong() >= SECONDS * 10L, "audio played back over WHEP: " + result);
            assertTrue(audio.path("energy").asDouble() > 1e-3, "the audio played back is not silence: " + result);
            assertTrue(audio.path("peak").asDouble() > 0.1, "the audio played back is not silence: " + result);
            JsonNode glass = result.path("glassToGlassMs");
            assertTrue(glass.path("n").asLong() >= frames / 2, "the time code is read on most frames: " + result);
            assertTrue(glass.path("p50").asLong() < 5_000, "glass-to-glass p50 measured: " + result);

            String id = streamOf("cam");
            assertTrue(gateway.stream(id) != null, "still live before the browser goes");

            // The controls come from the stage descriptors; moving the resize node's width slider reaches the stream.
            JsonNode width = tab.eval("(() => { const e = document.querySelector('input[type=range]"
                    + "[data-key=\"size.width\"]'); return e && {min: e.min, max: e.max, value: e.value}; })()");
            assertEquals("1", width.path("min").asText(), "the slider has the descriptor's range: " + width);
            assertEquals("7680", width.path("max").asText(), "the slider has the descriptor's range: " + width);
            assertEquals("640", width.path("value").asText(), "the slider starts at the pipeline's value: " + width);
            assertTrue(evalTrue(tab, "document.querySelector('input[type=checkbox][data-key=\"draw.labels\"]')"
                    + ".checked"), "a boolean is a checkbox, at its default");
            assertTrue(evalTrue(tab, "document.querySelector('select[data-key=\"grey.format\"]').disabled"),
                    "the output format is an enum chosen before going live only");
            // The orchestrator's encoder keeps the stream's size, so a narrow resize comes back stretched: at 8 pixels
            // wide the time code the page drew is smeared past reading, and back at 640 it reads again.
            long unreadable = slideAndCount(tab, 8, "window.pageState.undecodable", "the width slider smears the "
                    + "picture played");
            assertEquals(8, ((Number) gateway.stream(id).paramsCopy().get("size.width")).intValue(),
                    "the stream keeps the new width (replayed after a failover)");
            slideAndCount(tab, 640, "window.pageState.samples.length", "back at 640 the time code reads again");
            System.out.println("width control: " + (evalJson(tab, "window.pageState.undecodable").asLong()
                    - unreadable) + " frames unreadable at width 8, readable again at 640");
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + "/v1/streams"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(id, new ObjectMapper().readTree(list.body()).path(0).path("id").asText(),
                    "GET /v1/streams lists it: " + list.body());

            // Stop (the page DELETEs its WHIP resource) ends the stream; Go live starts it again.
            tab.eval("document.getElementById('stop').click()");
            Await.until("Stop ends the stream", 5_000, () -> !gateway.streams().contains(id));
            Await.until("the page is ready to go live again", 5_000,
                    () -> evalTrue(tab, "!document.getElementById('live').disabled"));
            tab.eval("document.getElementById('live').click()");
            Await.until("Go live starts it again, with video", 30_000, () -> publisherFrames("cam") > 0,
                    () -> pageErrors(tab));
            String again = streamOf("cam");

            // The browser vanishes without a DELETE: the gateway frees its stream within seconds, and only it.
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + "/v1/streams"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"copy\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, other.statusCode(), other.body());
            String untouched = new ObjectMapper().readTree(other.body()).path("id").asText();
            long gone = System.nanoTime();
            browser.kill();
            Await.until("the stream of the vanished browser is freed", 20_000,
                    () -> !gateway.streams().contains(again));
            assertTrue(gateway.streams().contains(untouched), "the other stream runs on");
            System.out.println("stream freed " + (System.nanoTime() - gone) / 1_000_000 + " ms after the browser died");
        }
    }

    /** The page sends VP8 (its codec preference): the gateway takes it, and the pipeline processes what it decodes. */
    @Test
    void vp8FromTheBrowserGoesThroughThePipeline() throws Exception {
        Chromium.require();
        String page = gateway.uri() + "/page/";
        int seconds = 8;
        try (Chromium browser = new Chromium(page + "?auto=1&keep=1&source=camera&stream=vp8&pipeline=faces-grey"
                + "&codec=VP8&seconds=" + seconds); CdpPage tab = new CdpPage(browser, page)) {
            JsonNode result = awaitResult(tab, seconds);
            System.out.println("VP8 browser result: " + result);
            assertEquals(0, result.path("errors").size(), "the page's errors: " + result);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + LiveRoutes.PREFIX
                    + "vp8/status")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode publisher = new ObjectMapper().readTree(r.body()).path("publisher");
            assertEquals("VP8", publisher.path("videoCodec").asText(), "the publisher sends VP8: " + r.body());
            assertTrue(publisher.path("frames").asLong() >= seconds * 5L, "VP8 frames were decoded: " + r.body());
            long frames = result.path("frames").asLong();
            assertTrue(frames >= seconds * 5L, "processed frames played: " + result);
            assertTrue(result.path("grey").asLong() >= frames * 9 / 10, "the pipeline made them: " + result);
        }
    }

    @Test
    void malformedOrUnauthorisedWhipAndWhepRequestsGetClearErrors() throws Exception {
        String base = gateway.uri() + LiveRoutes.PREFIX;
        HttpResponse<String> noPipeline = post(base + "x/whip", "application/sdp", "v=0");
        assertEquals(400, noPipeline.statusCode(), noPipeline.body());
        assertTrue(noPipeline.body().contains("'pipeline'"), noPipeline.body());
        HttpResponse<String> notSdp = post(base + "x/whip?pipeline=faces-grey", "application/json", "{}");
        assertEquals(415, notSdp.statusCode(), notSdp.body());
        HttpResponse<String> badOffer = post(base + "x/whip?pipeline=faces-grey", "application/sdp", "not an offer");
        assertEquals(400, badOffer.statusCode(), badOffer.body());
        assertTrue(gateway.streams().isEmpty(), "a refused offer leaves no stream behind");
        HttpResponse<String> noStream = post(base + "nobody/whep", "application/sdp", "v=0");
        assertEquals(404, noStream.statusCode(), noStream.body());
        gateway.requireApiKeys(List.of("k1"));
        HttpResponse<String> noKey = post(base + "x/whip?pipeline=faces-grey", "application/sdp", "v=0");
        assertEquals(401, noKey.statusCode(), noKey.body());
        assertTrue(noKey.body().contains("Authorization: Bearer"), noKey.body());
        HttpResponse<String> wrongKey = http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + "/v1/streams"))
                .header("Authorization", "Bearer k2").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"pipeline\": \"faces-grey\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongKey.statusCode(), wrongKey.body());
        HttpResponse<String> rightKey = http.send(HttpRequest.newBuilder(URI.create(base + "x/whip"))
                .header("Authorization", "Bearer k1").header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString("v=0")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, rightKey.statusCode(), "past the key, the missing pipeline is what is wrong: "
                + rightKey.body());
        HttpResponse<String> noStatus = http.send(HttpRequest.newBuilder(URI.create(base + "nobody/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, noStatus.statusCode(), noStatus.body());
    }

    private String streamOf(String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + LiveRoutes.PREFIX + name
                + "/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body()).path("gateway").path("id").asText();
    }

    private static boolean evalTrue(CdpPage tab, String expression) {
        try {
            return tab.eval(expression).asBoolean();
        } catch (Exception e) {
            throw new IllegalStateException("the page cannot evaluate " + expression, e);
        }
    }

    /** @return the page's {@code window.result} once it is done, or as it is a minute after its run should have ended */
    private static JsonNode awaitResult(CdpPage tab, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + (seconds + 60) * 1000L;
        JsonNode result;
        do {
            Thread.sleep(500);
            result = tab.eval("window.result");
        } while (!result.path("done").asBoolean() && System.currentTimeMillis() < deadline);
        return result;
    }

    /**
     * Moves the width slider as a user does (its value, then its change event) and waits until 30 more played frames
     * are counted by {@code counter}.
     *
     * @return the count before the move
     */
    private static long slideAndCount(CdpPage tab, int width, String counter, String what) {
        long before = evalJson(tab, counter).asLong();
        evalJson(tab, "(() => { const e = document.querySelector('input[type=range][data-key=\"size.width\"]');"
                + " e.value = " + width + "; e.dispatchEvent(new Event('change')); return true; })()");
        Await.until(what, 30_000, () -> evalJson(tab, counter).asLong() >= before + 30, () -> pageErrors(tab));
        return before;
    }

    private static JsonNode evalJson(CdpPage tab, String expression) {
        try {
            return tab.eval(expression);
        } catch (Exception e) {
            throw new IllegalStateException("the page cannot evaluate " + expression, e);
        }
    }

    private static String pageErrors(CdpPage tab) {
        try {
            return "page: " + tab.eval("[window.result.errors, document.getElementById('error').textContent]");
        } catch (Exception e) {
            return "page unreadable: " + e;
        }
    }

    /** @return the video frames the publisher of stream {@code name} sent so far; 0 while it is not live */
    private long publisherFrames(String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + LiveRoutes.PREFIX
                    + name + "/status")).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() != 200 ? 0
                    : new ObjectMapper().readTree(r.body()).path("publisher").path("frames").asLong();
        } catch (Exception e) {
            throw new IllegalStateException("status of " + name, e);
        }
    }

    private HttpResponse<String> post(String url, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
