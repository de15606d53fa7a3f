package org.framegrid.runtime.itest;

import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.testing.Await;
import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The node's status page in a real browser (Debian's headless Chromium): it loads, runs its script against
 * {@code /status.json}, shows a running stream whose processed-frame count moves between two loads, and a screenshot
 * of it is saved ({@code target/status-page.png}).
 */
public class StatusPageIT extends NodeTest {

    private static final String STREAM = "status-page";
    /** The sink's row in the streams table: node, type, provider, mode, fps, p50, p99, queue, then processed. */
    private static final Pattern SINK_PROCESSED = Pattern.compile(
            "<tr><td>sink</td>(?:<td[^>]*>[^<]*</td>){7}<td class=\"n\">([0-9,]+)</td>");

    @Inject
    private PipelineService pipelines;

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void theStatusPageShowsARunningStreamsNumbersMoving() throws Exception {
        requireFixture(HeadlessChromium.installed(), "Debian's chromium is absent: apt-get install -y chromium");
        Path work = NodeBundles.workDir("chromium");
        URI page = OperatorEndpoints.start(configurations).resolve("/status");
        try (StreamHandle stream = pipelines.start(OperatorEndpoints.testStream(STREAM), STREAM, Map.of())) {
            Await.until("the status page on " + page, WAIT_MILLIS, () -> OperatorEndpoints.status(page) == 200);
            HeadlessChromium chromium = new HeadlessChromium(work);

            String first = chromium.dom(page, 2000);
            assertTrue("the page shows the stream: " + first, first.contains("<b>" + STREAM + "</b>"));
            assertTrue("and its state", first.contains("<span class=\"good\">ONLINE</span>"));
            long before = processed(first);
            String second = chromium.dom(page, 2000);
            long after = processed(second);
            assertTrue("the sink's processed frames move: " + before + " then " + after, after > before);
            assertTrue("the readiness panel is filled", second.contains("bundles and components"));

            Path png = Path.of("target", "status-page.png");
            Files.deleteIfExists(png);
            chromium.screenshot(page, 2000, png, 1400, 1000);
            assertTrue("a screenshot of " + Files.size(png) + " bytes", Files.size(png) > 20_000);
            System.out.printf("status page in headless chromium: stream %s, sink processed %d then %d; screenshot "
                    + "%s (%d bytes)%n", STREAM, before, after, png.toAbsolutePath(), Files.size(png));
        } finally {
            OperatorEndpoints.stop(configurations);
        }
    }

    private static long processed(String dom) {
        Matcher m = SINK_PROCESSED.matcher(dom);
        if (!m.find()) {
            throw new AssertionError("no sink row with a processed count in the page: " + dom);
        }
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
