package org.framegrid.node.http.internal.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.framegrid.node.api.MetricWriter;

/**
 * {@code /metrics}: the Prometheus text format of the JVM's metrics and of everything the node's sources write, read
 * at scrape time (nothing is kept between scrapes). One registry per endpoint, so a restarted component starts clean.
 */
public final class PrometheusEndpoint {

    private static final Logger LOG = Logger.getLogger(PrometheusEndpoint.class.getName());

    /** The content type of the text format 0.0.4, which every Prometheus 2 scrapes. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    /** Problems already logged: a source that writes a bad value would otherwise fill the log at every scrape. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /**
     * @param sources writes every source's values into the writer it is given (called once per scrape)
     */
    public PrometheusEndpoint(Consumer<MetricWriter> sources) {
        // The JVM's own metrics, one by one: JvmMetrics.register() keeps every registry in a static set.
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
        registry.register(new HeapAfterGc());
        registry.register((MultiCollector) () -> {
            SnapshotWriter writer = new SnapshotWriter();
            sources.accept(writer);
            List<MetricSnapshot> snapshots = writer.snapshots();
            writer.problems().stream().filter(logged::add).forEach(p -> LOG.warning("/metrics leaves out " + p));
            return new MetricSnapshots(snapshots);
        });
    }

    /** @return the text exposition of one scrape */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            text.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
