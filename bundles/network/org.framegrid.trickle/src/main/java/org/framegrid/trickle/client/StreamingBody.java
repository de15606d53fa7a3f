package org.framegrid.trickle.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Flow;

/**
 * A request body that sends every read of the stream at once. The JDK's {@code BodyPublishers.ofInputStream} reads one
 * buffer ahead before it sends the current one, which holds back the newest bytes of a live segment until the
 * encoder writes more; trickle wants them on the wire immediately.
 */
final class StreamingBody implements HttpRequest.BodyPublisher {
    private final InputStream in;

    StreamingBody(InputStream in) {
        this.in = in;
    }

    @Override
    public long contentLength() {
        return -1; // chunked
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Object lock = new Object();
        long[] demand = {0};
        boolean[] cancelled = {false};
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (lock) {
                    demand[0] = Long.MAX_VALUE - demand[0] < n ? Long.MAX_VALUE : demand[0] + n;
                    lock.notifyAll();
                }
            }

            @Override
            public void cancel() {
                synchronized (lock) {
                    cancelled[0] = true;
                    lock.notifyAll();
                }
            }
        });
        Thread.ofVirtual().name("trickle-upload").start(() -> {
            byte[] buf = new byte[32 * 1024];
            try {
                while (true) {
                    synchronized (lock) {
                        while (demand[0] == 0 && !cancelled[0]) {
                            lock.wait();
                        }
                        if (cancelled[0]) {
                            return;
                        }
                        demand[0]--;
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        subscriber.onComplete();
                        return;
                    }
                    subscriber.onNext(ByteBuffer.wrap(Arrays.copyOf(buf, n)));
                }
            } catch (IOException | RuntimeException e) {
                subscriber.onError(e);
            } catch (InterruptedException e) {
                subscriber.onError(new IOException("upload interrupted", e));
            }
        });
    }
}
