package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.selection.api.Candidate;
import org.framegrid.testing.Await;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.json.JsonRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway's payment loop against an orchestrator's payment route: it pays whole seconds of stream time as they
 * pass (never more than passed, plus the first second), fetches fresh terms once when the orchestrator says they
 * expired, and marks the session failed when a payment is refused for another reason.
 */
@Timeout(30)
class PaymentLoopTest {
    private static final BigInteger PRICE = BigInteger.valueOf(1_000);
    private HttpServer server;
    private final TrickleClient trickle = new TrickleClient();
    private final List<BigInteger> received = new CopyOnWriteArrayList<>();
    /** What the payment route answers next: null pays, NO_OUTPUT a 409, else a 402 with this reason. */
    private final AtomicReference<String> refuseWith = new AtomicReference<>("EXPIRED");
    /** How many of the next payments the route answers only after 2.5 s (after the loop's 2 s timeout). */
    private final AtomicInteger slowAnswers = new AtomicInteger();
    private PaymentLoop loop;

    @AfterEach
    void close() {
        if (loop != null) {
            loop.close();
        }
        trickle.close();
        server.stop(0);
    }

    /** The orchestrator's info and payment routes, on the JDK's HTTP server. */
    private URI orchestrator() throws Exception {
        JsonRoutes routes = new JsonRoutes()
                .on("GET", "/v1/info", call -> JsonRoutes.reply(200, Map.of("address", "0xo", "pipelines", List.of(),
                        "capacity", 1, "inUse", 1, "pricePerSecondWei", PRICE, "initialSeconds", 1,
                        "scheme", "test-iou", "terms", Base64.getEncoder().encodeToString("fresh".getBytes()))))
                .on("POST", "/v1/sessions/{id}/payment", call -> {
                    if (slowAnswers.getAndDecrement() > 0) {
                        Thread.sleep(2_500);
                    }
                    String reason = refuseWith.getAndSet(null);
                    if ("NO_OUTPUT".equals(reason)) {
                        return JsonRoutes.reply(409, Map.of("error", "payment for s1 not taken: the session has made"
                                + " no output yet"));
                    }
                    if (reason != null) {
                        return JsonRoutes.reply(402, Map.of("reasons", List.of(reason)));
                    }
                    byte[] data = Base64.getDecoder().decode((String) call.body("payment").get("data"));
                    received.add(new BigInteger(new String(data, StandardCharsets.UTF_8)));
                    return JsonRoutes.reply(200, Map.of("credited", received.getLast()));
                });
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor()); // a slow answer blocks none
        server.createContext("/v1/", exchange -> {
            try (exchange) {
                HttpReply reply = routes.handle(new HttpCall(exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), Map.of(), Map.of(), exchange.getRequestBody().readAllBytes()));
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                exchange.getResponseBody().write(reply.body());
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private OrchestratorSession session(URI uri) {
        OrchestratorApi.Info info = new OrchestratorApi.Info(new Candidate("0xo", uri, BigInteger.ONE, PRICE,
                Set.of("p"), 1), "test-iou", new PaymentTerms("test-iou", "stale".getBytes()), 1, 1, Set.of());
        return new OrchestratorSession(info, Map.of("id", "s1", "input", uri + "/trickle/in", "output",
                uri + "/trickle/out", "control", uri + "/trickle/control", "events", uri + "/trickle/events"),
                BigInteger.valueOf(7));
    }

    @Test
    void paysTheSecondsThatPassedAndRenewsStaleTermsOnce() throws Exception {
        OrchestratorSession s = session(orchestrator());
        GatewaySettings settings = new GatewaySettings("0xg", "127.0.0.1", 0, List.of(), Map.of(), PRICE, 200, 1_500);
        loop = new PaymentLoop("stream", settings, new TestPayments(1), new OrchestratorApi(trickle.http(), new org.framegrid.trickle.tls.NodeTrust(null), () -> true));
        loop.opened(s);
        long start = System.nanoTime();
        loop.start(since -> true, since -> true); // input and output always flow here
        long deadline = start + TimeUnit.SECONDS.toNanos(10);
        // Until the loop has also counted what the orchestrator received (the reply reaches it after the receipt).
        while ((received.size() < 3 || loop.payments() < received.size()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long elapsedSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        loop.close();
        assertNull(s.failure(), "the stale terms were renewed, not failed over");
        assertEquals(1, loop.termsRefreshed());
        BigInteger periodic = received.stream().reduce(BigInteger.ZERO, BigInteger::add);
        long paidSeconds = periodic.divide(PRICE).longValueExact();
        assertTrue(received.size() >= 3 && paidSeconds <= elapsedSeconds + 1,
                received.size() + " payments for " + paidSeconds + " s in " + elapsedSeconds + " s");
        assertEquals(received.size(), loop.payments());
        assertEquals(periodic.add(BigInteger.valueOf(7)), loop.paidWei(), "the initial payment counts too");
    }

    /**
     * A session is not paid before its first output (a pipeline that cannot run was paid for its first seconds), and
     * those seconds are not paid later; a payment the orchestrator did not take because its output had not begun
     * (409) fails nothing and is not counted.
     */
    @Test
    void noPaymentBeforeTheSessionsFirstOutput() throws Exception {
        refuseWith.set(null);
        OrchestratorSession s = session(orchestrator());
        GatewaySettings settings = new GatewaySettings("0xg", "127.0.0.1", 0, List.of(), Map.of(), PRICE, 200, 1_500);
        TestPayments pay = new TestPayments(1);
        loop = new PaymentLoop("stream", settings, pay, new OrchestratorApi(trickle.http(),
                new org.framegrid.trickle.tls.NodeTrust(null), () -> true));
        loop.opened(s);
        AtomicReference<Long> firstOutput = new AtomicReference<>();
        loop.start(since -> true, since -> firstOutput.get() != null && firstOutput.get() - since > 0);
        // Five payment intervals (200 ms each) without output: a bounded wait for whichever comes first.
        Await.until("five payment intervals without output", 10_000,
                () -> loop.intervalsBeforeOutput() >= 5 || !received.isEmpty());
        assertEquals(List.of(), received, "nothing paid before the first output");
        assertEquals(0, loop.payments());
        refuseWith.set("NO_OUTPUT"); // the orchestrator had not seen its output yet when the first payment came
        long output = System.nanoTime();
        firstOutput.set(output);
        Await.until("two payments after the first output", 10_000, () -> loop.payments() >= 2,
                () -> loop.payments() + " payments");
        long seconds = (System.nanoTime() - output) / 1_000_000_000L;
        assertNull(s.failure(), "a payment not taken yet fails nothing");
        assertEquals(received.size(), loop.payments());
        long paidSeconds = received.stream().reduce(BigInteger.ZERO, BigInteger::add).divide(PRICE).longValueExact();
        assertTrue(paidSeconds <= seconds + 1, paidSeconds + " s paid " + seconds + " s after the first output");
        assertEquals(BigInteger.valueOf(7).add(PRICE.multiply(BigInteger.valueOf(paidSeconds))), loop.paidWei());
    }

    @Test
    void aRefusedPaymentFailsTheSession() throws Exception {
        refuseWith.set("INSUFFICIENT_FUNDS");
        OrchestratorSession s = session(orchestrator());
        GatewaySettings settings = new GatewaySettings("0xg", "127.0.0.1", 0, List.of(), Map.of(), PRICE, 100, 1_500);
        loop = new PaymentLoop("stream", settings, new TestPayments(1), new OrchestratorApi(trickle.http(), new org.framegrid.trickle.tls.NodeTrust(null), () -> true));
        loop.opened(s);
        loop.start(since -> true, since -> true); // input and output always flow here
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.failure() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(s.failure() != null && s.failure().startsWith("payment to 0xo: ") && s.failure().contains("402"),
                String.valueOf(s.failure()));
        assertEquals(0, loop.termsRefreshed());
    }

    @Test
    void aPaymentThatTimesOutOnceDoesNotFailTheSessionButThreeInARowDo() throws Exception {
        refuseWith.set(null);
        slowAnswers.set(1);
        OrchestratorSession s = session(orchestrator());
        GatewaySettings settings = new GatewaySettings("0xg", "127.0.0.1", 0, List.of(), Map.of(), PRICE, 500, 1_500);
        loop = new PaymentLoop("stream", settings, new TestPayments(1), new OrchestratorApi(trickle.http(), new org.framegrid.trickle.tls.NodeTrust(null), () -> true));
        loop.opened(s);
        loop.start(since -> true, since -> true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (loop.payments() < 2 && s.failure() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNull(s.failure(), "a slow answer is not a failed orchestrator");
        assertTrue(loop.payments() >= 2, "payments go on after it: " + loop.payments());

        slowAnswers.set(PaymentLoop.MAX_SLOW_PAYMENTS);
        while (s.failure() == null && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(15)) {
            Thread.sleep(20);
        }
        assertTrue(s.failure() != null && s.failure().contains(PaymentLoop.MAX_SLOW_PAYMENTS
                + " payments in a row timed out"), String.valueOf(s.failure()));
    }
}
