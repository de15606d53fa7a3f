package org.framegrid.runtime.itest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.testing.Await;
import org.osgi.service.cm.ConfigurationAdmin;

/** The operator endpoints of the node under test (org.framegrid.node.http), moved to a free port for one test. */
final class OperatorEndpoints {

    static final String PID = "org.framegrid.node.http";

    private OperatorEndpoints() {
    }

    /** @return the endpoints' base URI once {@code /healthz} answers there */
    static URI start(ConfigurationAdmin configurations) throws Exception {
        int port = PrometheusServer.freePort();
        TicketConfig.configure(configurations, PID, Map.of("host", "127.0.0.1", "port", port));
        URI base = URI.create("http://127.0.0.1:" + port);
        Await.until("the node's /healthz on " + base, NodeTest.WAIT_MILLIS,
                () -> status(base.resolve("/healthz")) == 200);
        return base;
    }

    /** Gives the endpoints their configured port back. */
    static void stop(ConfigurationAdmin configurations) throws Exception {
        configurations.getConfiguration(PID, "?").delete();
    }

    /** @return a small live stream: test-source (64×48, 30 fps) → collect, dropping the oldest frame when behind */
    static PipelineDefinition testStream(String name) {
        return new PipelineDefinition(name, "operator test", "1", List.of(
                new NodeDefinition("source", "test-source", Map.of("width", 64, "height", 48, "fps", 30.0)),
                new NodeDefinition("sink", "collect", Map.of())),
                List.of(new EdgeDefinition("source", "sink", null)), QueuePolicy.LATEST, null);
    }

    /** @return the HTTP status of a GET, or -1 while nothing answers */
    static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
