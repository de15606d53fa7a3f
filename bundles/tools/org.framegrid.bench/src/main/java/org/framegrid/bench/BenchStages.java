package org.framegrid.bench;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PlainStage;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;

/** The stages of the benchmark: a frame source, the identity stage under test and a counting sink. */
final class BenchStages {
    private BenchStages() {
    }

    /**
     * The identity stage: returns its input. With {@code touch} it first reads the whole frame (a checksum of every
     * 8 bytes), the least work a real stage does; without it, it measures nothing but the engine's own cost.
     */
    static final class Identity extends PlainStage {
        private final boolean touch;
        long checksum;

        Identity(boolean touch) {
            this.touch = touch;
        }

        @Override
        public Frame process(Frame in) {
            if (touch) {
                ByteBuffer d = in.data();
                long sum = 0;
                int end = d.limit() - 7;
                for (int i = 0; i < end; i += 8) {
                    sum += d.getLong(i);
                }
                checksum += sum;
            }
            return in;
        }
    }

    static StageProvider identity(boolean touch) {
        StageDescriptor d = new StageDescriptor("identity", "Filter/Bench", "returns its input",
                EnumSet.allOf(PixelFormat.class), OutputRule.SAME_AS_INPUT, Set.of(), null, List.of());
        return provider(d, () -> new Identity(touch));
    }

    /** Source: 1280x720 RGB24 frames stamped with their creation time, unpaced or every {@code interval} µs. */
    static StageProvider source(int width, int height) {
        StageDescriptor d = new StageDescriptor("bench-source", "Source/Bench", "frames", Set.of(), OutputRule.FIXED,
                Set.of(PixelFormat.RGB24), null, List.of(
                new PropertyDescriptor("count", PropertyType.INTEGER, 1000L, false, "frames to emit"),
                new PropertyDescriptor("interval-us", PropertyType.INTEGER, 0L, false, "pacing, 0 = none")));
        return provider(d, () -> new PlainStage() {
            long emitted;
            long next;

            @Override
            public Frame process(Frame input) throws InterruptedException {
                if (emitted >= properties.getLong("count")) {
                    Thread.sleep(20);
                    return null;
                }
                long interval = properties.getLong("interval-us") * 1000;
                if (interval > 0) {
                    long now = System.nanoTime();
                    next = next == 0 ? now : next + interval;
                    Pace.until(next);
                }
                Frame f = context.pool().acquire(PixelFormat.RGB24, width, height);
                f.data().putLong(0, emitted++);
                f.pts(System.nanoTime());
                return f;
            }
        });
    }

    /** Sink: counts frames and reports each frame's age (now - pts). */
    static StageProvider sink(AtomicLong count, LongConsumer latency) {
        StageDescriptor d = new StageDescriptor("bench-sink", "Sink/Bench", "counts", EnumSet.allOf(PixelFormat.class),
                OutputRule.NONE, Set.of(), null, List.of());
        return provider(d, () -> new PlainStage() {
            @Override
            public Frame process(Frame in) {
                latency.accept(System.nanoTime() - in.pts());
                count.incrementAndGet();
                return null;
            }
        });
    }

    private static StageProvider provider(StageDescriptor d, Supplier<Stage> factory) {
        return new FactoryStageProvider(d, factory) {
        };
    }
}
