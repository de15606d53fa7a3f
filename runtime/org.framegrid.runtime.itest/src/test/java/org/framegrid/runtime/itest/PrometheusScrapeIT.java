package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Model;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.testing.Await;
import org.framegrid.testing.DebianPackages;
import org.framegrid.testing.MemoryTicketChain;
import org.junit.Test;
import org.osgi.framework.InvalidSyntaxException;
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
    private static final String MODEL = "blazeface-front";

    @Inject
    private PipelineService pipelines;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private InferenceBackend backend;

    @Test
    public void prometheusStoresTheStreamsFramesAndTheTickets() throws Exception {
        Optional<Path> binary = DebianPackages.program("prometheus", "prometheus");
        requireFixture(binary.isPresent(), "Debian's prometheus is neither installed nor fetchable "
                + "(apt-get install -y prometheus, or apt-get download prometheus)");
        Path work = NodeBundles.workDir("prometheus");
        URI node = OperatorEndpoints.start(configurations);

        MemoryTicketChain memoryChain = new MemoryTicketChain();
        ServiceRegistration<TicketChain> chain = context.registerService(TicketChain.class, memoryChain, null);
        PaymentSwapIT.RecordingRedeemer redeemer = new PaymentSwapIT.RecordingRedeemer();
        ServiceRegistration<TicketRedeemer> redeemerRegistration = context.registerService(TicketRedeemer.class,
                redeemer, null);
        TicketConfig.apply(configurations, work);
        // A model the CPU backend holds loaded (and ran once, its warm-up): the models' families have a series.
        Path deployed = Path.of(context.getProperty("felix.fileinstall.dir")).resolve("model-" + MODEL + ".jar");
        Files.copy(NodeBundles.nodeDir().resolve("models/model-" + MODEL + ".jar"), deployed);
        try (StreamHandle stream = pipelines.start(OperatorEndpoints.testStream(STREAM), STREAM, Map.of());
                LoadedModel warm = load(MODEL);
                PrometheusServer prometheus = PrometheusServer.start(binary.get(), node.getAuthority(), work)) {
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
            assertEquals("the loaded copy", 1.0, prometheus.awaitAtLeast("framegrid_model_sessions{model=\"" + MODEL
                    + "\"}", 1), 0);
            assertEquals("warm while loaded", 1.0, prometheus.awaitAtLeast("count(framegrid_model_instances{model=\""
                    + MODEL + "\",state=\"warm\"})", 1), 0);
            prometheus.awaitAtLeast("framegrid_model_runs_total{model=\"" + MODEL + "\"}", 1);
            System.out.printf("Prometheus %s scraped the node: %s frames in %s, then %s; tickets sent %s, received "
                    + "%s, won %s, redeemed %s%n", binary.get(), frames, early, later, sent, received, won, redeemed);
            printOneSamplePerMetric(node.resolve("/metrics"));
        } finally {
            Files.deleteIfExists(deployed);
            TicketConfig.remove(configurations);
            OperatorEndpoints.stop(configurations);
            redeemerRegistration.unregister();
            chain.unregister();
        }
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

    /** Loads the newest installed model called {@code name} on the node's CPU backend, once it is offered. */
    private LoadedModel load(String name) throws Exception {
        String filter = "(" + Model.NAME_PROPERTY + "=" + name + ")";
        Await.until("model " + name + " offered", WAIT_MILLIS, () -> {
            try {
                return !context.getServiceReferences(Model.class, filter).isEmpty();
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        ServiceReference<Model> reference = context.getServiceReferences(Model.class, filter).iterator().next();
        Model model = context.getService(reference);
        try (InputStream in = model.open()) {
            byte[] onnx = in.readAllBytes();
            return backend.load(ByteBuffer.allocateDirect(onnx.length).put(onnx).flip(), model.descriptor(),
                    InferenceOptions.DEFAULT.withIntraOpThreads(1));
        } finally {
            context.ungetService(reference);
        }
    }

    private <S> S service(Class<S> type) {
        Await.until(type.getSimpleName() + " of the ticket bundle", WAIT_MILLIS,
                () -> context.getServiceReference(type) != null);
        ServiceReference<S> reference = context.getServiceReference(type);
        return context.getService(reference);
    }
}
