package org.framegrid.gateway.internal;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * The smallest orchestrator the gateway talks to, for the stall tests: info, sessions and payments as JSON routes,
 * and per session a worker that copies input segments to output, starting {@code loadMillis} late (its "models"
 * load) and only while {@code working} says so (a stalled orchestrator stays up and reads input, but sends nothing);
 * and the app's side that counts the output.
 */
final class CopyingOrchestrator {

    private CopyingOrchestrator() {
    }

    /** Serves pipeline {@code p} on {@code server}'s {@code /v1/} routes. */
    static void serve(TrickleServer server, MemorySegmentChannels channels, long loadMillis, BooleanSupplier working) {
        serve(server, channels, "0xcopy", loadMillis, working, new AtomicLong(), new java.util.ArrayList<>());
    }

    /**
     * Serves pipeline {@code p} as orchestrator {@code address}, counting the info asked in {@code infos} and noting
     * that count at each session start in {@code infosAtSessions}.
     */
    static void serve(TrickleServer server, MemorySegmentChannels channels, String address, long loadMillis,
                      BooleanSupplier working, AtomicLong infos, List<Long> infosAtSessions) {
        server.route("/v1/", new JsonRoutes()
                .on("GET", "/v1/info", call -> {
                    infos.incrementAndGet();
                    return JsonRoutes.reply(200, Map.of("address", address, "pipelines",
                            List.of(Map.of("name", "p")), "capacity", 1, "inUse", 0, "pricePerSecondWei", 1_000,
                            "initialSeconds", 10, "scheme", "test-iou", "terms",
                            Base64.getEncoder().encodeToString(new byte[] {1})));
                })
                .on("POST", "/v1/sessions", call -> {
                    infosAtSessions.add(infos.get());
                    String id = "s" + System.nanoTime();
                    Map<String, Object> m = new LinkedHashMap<>(Map.of("id", id, "balanceWei", 10_000));
                    for (String kind : List.of("input", "output", "control", "events")) {
                        server.serve(id + "-" + kind, TrickleServer.MEDIA, channels.open(id + "-" + kind),
                                !kind.equals("output") && !kind.equals("events"));
                        m.put(kind, server.channelUri(id + "-" + kind).toString());
                    }
                    SegmentChannel in = channels.open(id + "-input");
                    SegmentChannel output = channels.open(id + "-output");
                    Thread.ofVirtual().start(() -> copy(in, output, loadMillis, working));
                    return JsonRoutes.reply(201, m);
                })
                .on("POST", "/v1/sessions/{id}/payment", call -> JsonRoutes.reply(200, Map.of("credited", 1)))
                .on("DELETE", "/v1/sessions/{id}", call -> JsonRoutes.reply(200, Map.of())));
    }

    /** @return a thread that reads the stream's output segments as the app would, counting them in {@code out} */
    static Thread countOutput(GatewayClient client, StreamInfo stream, AtomicLong out) {
        return Thread.ofVirtual().start(() -> {
            try {
                for (long next = 0; ; next++) {
                    client.read(stream, next).bytes().readAllBytes();
                    out.incrementAndGet();
                }
            } catch (Exception ended) {
                // the stream stopped
            }
        });
    }

    private static void copy(SegmentChannel in, SegmentChannel out, long loadMillis, BooleanSupplier working) {
        try {
            Thread.sleep(loadMillis); // the models load: no output yet, while input flows
            for (long next = 0; ; ) {
                SegmentChannel.Segment s = in.await(next, 10, TimeUnit.SECONDS);
                if (s == null) {
                    return;
                }
                next = s.sequence() + 1;
                byte[] bytes = s.bytes().readAllBytes();
                if (working.getAsBoolean()) {
                    try (SegmentWriter w = out.publish()) {
                        w.write(bytes);
                    }
                }
            }
        } catch (Exception stopped) {
            // the test ended
        }
    }
}
