package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.testing.Await;
import org.framegrid.testing.DebianPackages;
import org.framegrid.testing.Fixture;
import org.framegrid.testing.MemoryTicketChain;
import org.junit.Assume;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A real Prometheus (Debian's package) scrapes the node's {@code /metrics} while a stream runs and tickets are paid,
 * won and redeemed; the test asks Prometheus's own query API for the stream's frame counter, a stage's latency
 * histogram and the ticket counters, so what is checked is what an operator's Prometheus stores.
 */
public class PrometheusScrapeIT extends NodeTest {

    private static final String STREAM = "prom-scrape";
    private static final String NODE_HTTP_PID = "org.framegrid.node.http";

    @Inject
    private PipelineService pipelines;

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void prometheusStoresTheStreamsFramesAndTheTickets() throws Exception {
        Optional<Path> binary = DebianPackages.program("prometheus", "prometheus");
        requireFixture(binary.isPresent(), "Debian's prometheus is neither installed nor fetchable "
                + "(apt-get install -y prometheus, or apt-get download prometheus)");
        Path work = NodeBundles.workDir("prometheus");
        int port = PrometheusServer.freePort();
        TicketConfig.configure(configurations, NODE_HTTP_PID, Map.of("host", "127.0.0.1", "port", port));
        URI node = URI.create("http://127.0.0.1:" + port);
        Await.until("the node's /healthz on " + node, WAIT_MILLIS, () -> status(node.resolve("/healthz")) == 200);

        MemoryTicketChain memoryChain = new MemoryTicketChain();
        ServiceRegistration<TicketChain> chain = context.registerService(TicketChain.class, memoryChain, null);
        PaymentSwapIT.RecordingRedeemer redeemer = new PaymentSwapIT.RecordingRedeemer();
        ServiceRegistration<TicketRedeemer> redeemerRegistration = context.registerService(TicketRedeemer.class,
                redeemer, null);
        TicketConfig.apply(configurations, work);
        try (StreamHandle stream = pipelines.start(pipeline(), STREAM, Map.of());
                PrometheusServer prometheus = PrometheusServer.start(binary.get(), "127.0.0.1:" + port, work)) {
            PaymentReceiver receiver = service(PaymentReceiver.class);
            PaymentSender sender = service(PaymentSender.class);
            sender.fund(TicketConfig.ETH, TicketConfig.ETH);
            String from = memoryChain.senders().iterator().next();
            int accepted = 0;
            for (int i = 0; i < 3; i++) {
                Receipt receipt = receiver.receive("s" + i, sender.pay(TicketConfig.RECIPIENT, receiver.terms(from),
                        TicketConfig.PRICE, 10).data());
                assertTrue(receipt.toString(), receipt.accepted());
                accepted++;
            }
            assertEquals(3, accepted);

            assertEquals("Prometheus scrapes the node", 1.0, prometheus.awaitAtLeast("up{job=\"framegrid\"}", 1), 0);
            String frames = "framegrid_stream_frames_in_total{stream=\"" + STREAM + "\"}";
            double early = prometheus.awaitAtLeast(frames, 1);
            double later = prometheus.awaitAtLeast(frames, early + 30);
            assertTrue("the frame counter grows: " + early + " then " + later, later > early);
            prometheus.awaitAtLeast("framegrid_stage_latency_seconds_count{stream=\"" + STREAM + "\",node=\"sink\"}",
                    1);

            double sent = prometheus.awaitAtLeast("sum(framegrid_payment_tickets_sent_total)", 3);
            double received = prometheus.awaitAtLeast("sum(framegrid_payment_tickets_received_total)", sent);
            assertEquals("every ticket sent was received", sent, received, 0);
            double won = prometheus.awaitAtLeast("sum(framegrid_payment_tickets_won_total)", received);
            double redeemed = prometheus.awaitAtLeast("sum(framegrid_payment_tickets_redeemed_total)", won);
            assertEquals("every winner was redeemed", redeemer.redeemed.size(), redeemed, 0);
            System.out.printf("Prometheus %s scraped the node: %s frames in %s, then %s; tickets sent %s, received "
                    + "%s, won %s, redeemed %s%n", binary.get(), frames, early, later, sent, received, won, redeemed);
            printOneSamplePerMetric(node.resolve("/metrics"));
        } finally {
            TicketConfig.remove(configurations);
            configurations.getConfiguration(NODE_HTTP_PID, "?").delete();
            redeemerRegistration.unregister();
            chain.unregister();
        }
    }

    /** test-source (30 fps, small frames) → collect. */
    private static PipelineDefinition pipeline() {
        return new PipelineDefinition("prom-scrape", "PrometheusScrapeIT", "1", List.of(
                new NodeDefinition("source", "test-source", Map.of("width", 64, "height", 48, "fps", 30.0)),
                new NodeDefinition("sink", "collect", Map.of())),
                List.of(new EdgeDefinition("source", "sink", null)), QueuePolicy.LATEST, null);
    }

    /** One scraped line per framegrid metric: the list the README's metrics table is checked against by eye. */
    private static void printOneSamplePerMetric(URI metrics) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, String> first = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("framegrid_")) {
                first.putIfAbsent(line.split("[{ ]", 2)[0], line);
            }
        }
        first.values().forEach(line -> System.out.println("scraped: " + line));
    }

    private static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private <S> S service(Class<S> type) {
        Await.until(type.getSimpleName() + " of the ticket bundle", WAIT_MILLIS,
                () -> context.getServiceReference(type) != null);
        ServiceReference<S> reference = context.getServiceReference(type);
        return context.getService(reference);
    }

    /** {@link Fixture#require} for JUnit 4: fails on CI, skips elsewhere. */
    private static void requireFixture(boolean present, String missing) {
        if (!present && Fixture.failsWhenMissing()) {
            throw new AssertionError(missing + " (CI is set: a missing fixture fails the test instead of skipping it)");
        }
        Assume.assumeTrue("skipped: " + missing, present);
    }
}
