package org.framegrid.pipeline.engine.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.MetaKey;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.testing.PlainStage;

/** Small stages that record what the engine does to them. */
final class TestStages {
    static final MetaKey<String> STAMP = new MetaKey<>("test.stamp", String.class);
    static final Set<PixelFormat> ALL = EnumSet.allOf(PixelFormat.class);

    private TestStages() {
    }

    /** A provider built from a descriptor and a stage factory. */
    record Provider(StageDescriptor descriptor, Supplier<Stage> factory) implements StageProvider {
        @Override
        public Stage create() {
            return factory.get();
        }
    }

    /**
     * Source "gen": RGB24 frames of {@code size}x{@code size}, every {@code interval} ms, at most {@code count}; with
     * {@code end} it then ends the stream, else it idles.
     */
    static StageProvider source() {
        StageDescriptor d = new StageDescriptor("gen", "Source/Video/Test", "test frames", Set.of(),
                OutputRule.PROPERTY, Set.of(PixelFormat.RGB24, PixelFormat.GRAY8), "format", List.of(
                new PropertyDescriptor("format", "RGB24", false, List.of("RGB24", "GRAY8"), "format"),
                new PropertyDescriptor("size", PropertyType.INTEGER, 16L, false, 1, 4096, "edge"),
                new PropertyDescriptor("interval", PropertyType.INTEGER, 2L, false, 0, 1000, "ms between frames"),
                new PropertyDescriptor("count", PropertyType.INTEGER, Long.MAX_VALUE, false, "frames to emit"),
                new PropertyDescriptor("end", PropertyType.BOOLEAN, false, false, "end the stream after count")));
        return new Provider(d, () -> new PlainStage() {
            long emitted;

            @Override
            public Frame process(Frame input) throws Exception {
                if (emitted >= properties.getLong("count")) {
                    if (properties.getBoolean("end")) {
                        context.endOfStream();
                    } else {
                        Thread.sleep(5);
                    }
                    return null;
                }
                Thread.sleep(properties.getLong("interval"));
                int size = properties.getInt("size");
                Frame f = context.pool().acquire(PixelFormat.valueOf(properties.getString("format")), size, size);
                f.pts(System.nanoTime());
                emitted++;
                return f;
            }
        });
    }

    /** What a probe instance saw: lifecycle events and per-frame property values. */
    static final class Journal {
        final Queue<String> events = new ConcurrentLinkedQueue<>();
        final Queue<String> torn = new ConcurrentLinkedQueue<>();
        final Queue<String> updates = new ConcurrentLinkedQueue<>();
        final AtomicInteger instances = new AtomicInteger();
        volatile CountDownLatch slowEntered = new CountDownLatch(1);
    }

    /**
     * Filter "probe" (any format, same output): stamps {@code label/mode/tag}; {@code tag} and {@code delay} are live,
     * {@code mode} is not.
     */
    static StageProvider probe(String type, String label, Journal journal) {
        StageDescriptor d = new StageDescriptor(type, "Filter/Test", "stamps frames", ALL, OutputRule.SAME_AS_INPUT,
                Set.of(), null, List.of(
                new PropertyDescriptor("tag", PropertyType.STRING, "", true, "live tag"),
                new PropertyDescriptor("delay", PropertyType.INTEGER, 0L, true, 0, 10_000, "ms per frame"),
                new PropertyDescriptor("mode", PropertyType.STRING, "a", false, "restart-only")));
        return new Provider(d, () -> new PlainStage() {
            final int id = journal.instances.incrementAndGet();

            @Override
            public void start() {
                journal.events.add("start " + label + "#" + id);
            }

            @Override
            public void update(StageProperties p) {
                journal.updates.add(p.getString("tag"));
                properties = p;
            }

            @Override
            public Frame process(Frame in) throws Exception {
                StageProperties before = properties;
                long delay = before.getLong("delay");
                if (delay >= 300) {
                    journal.slowEntered.countDown();
                }
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                if (before.getString("tag").equals("fail")) {
                    throw new IllegalStateException("asked to fail");
                }
                if (properties != before) {
                    journal.torn.add(in.sequence() + "");
                }
                in.meta(STAMP, label + "/" + before.getString("mode") + "/" + before.getString("tag"));
                return in;
            }

            @Override
            public void stop() {
                journal.events.add("stop " + label + "#" + id);
            }
        });
    }

    /** One frame seen by a sink. */
    record Seen(long sequence, String stamp, int refs) {
    }

    /** Sink "sink" (any format): records each frame. */
    static StageProvider sink(Queue<Seen> seen) {
        StageDescriptor d = new StageDescriptor("sink", "Sink/Test", "records frames", ALL, OutputRule.NONE,
                Set.of(), null, List.of());
        return new Provider(d, () -> new PlainStage() {
            @Override
            public Frame process(Frame in) {
                seen.add(new Seen(in.sequence(), in.meta(STAMP), in.refCount()));
                return null;
            }
        });
    }

    /** Filter "gray": takes RGB24 only, emits GRAY8 (for negotiation). */
    static StageProvider gray() {
        StageDescriptor d = new StageDescriptor("gray", "Filter/Converter", "to gray", Set.of(PixelFormat.RGB24),
                OutputRule.FIXED, Set.of(PixelFormat.GRAY8), null, List.of());
        return new Provider(d, () -> new PlainStage() {
            @Override
            public Frame process(Frame in) {
                return context.pool().acquire(PixelFormat.GRAY8, in.width(), in.height(), in);
            }
        });
    }

    /** Linear pipeline {@code gen -> probe... -> sink} built in code. */
    static PipelineDefinition linear(String name, QueuePolicy policy, NodeDefinition... nodes) {
        List<NodeDefinition> list = List.of(nodes);
        List<EdgeDefinition> edges = new java.util.ArrayList<>();
        for (int i = 1; i < list.size(); i++) {
            edges.add(new EdgeDefinition(list.get(i - 1).name(), list.get(i).name(), null));
        }
        return new PipelineDefinition(name, "test", "r1", list, edges, policy, null);
    }

    static NodeDefinition node(String name, String type, Map<String, Object> props) {
        return new NodeDefinition(name, type, props);
    }
}
