package dev.nextbest.local.benchmark;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.spi.VertxThreadFactory;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests from one Vert.x event loop over a pool of kept-alive connections: tens of microseconds of
 * CPU a request, where the JDK's client spends about half a millisecond. An open-loop benchmark shares its
 * machine with the service it measures, so what the load generator burns the service loses.
 */
final class EventLoopSender implements AutoCloseable {

    private final Vertx vertx;
    private final HttpClient client;

    EventLoopSender(int maxConnections) {
        // Its threads are named load-generator-*, apart from the service's own vert.x-* threads.
        this.vertx = new VertxBuilder(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1))
                .threadFactory(new VertxThreadFactory() {
                    @Override
                    public VertxThread newVertxThread(Runnable target, String name, boolean worker, long maxExecTime,
                                                      TimeUnit maxExecTimeUnit) {
                        return new VertxThread(target, "load-generator-" + name, worker, maxExecTime, maxExecTimeUnit);
                    }
                })
                .init().vertx();
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(maxConnections).setKeepAlive(true)
                .setConnectTimeout(5_000));
    }

    /** Sends it (from the event loop, whatever the calling thread) and completes with the status code. */
    Future<Integer> send(HttpRequest request) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
                .setAbsoluteURI(request.uri().toString());
        request.headers().map().forEach((name, values) -> values.forEach(value -> options.addHeader(name, value)));
        Buffer body = request.bodyPublisher().map(EventLoopSender::bytes).map(Buffer::buffer).orElse(null);
        return client.request(options)
                .compose(outgoing -> body == null ? outgoing.send() : outgoing.send(body))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    /** The bytes of a body publisher (the JDK offers no other way to read them back). */
    private static byte[] bytes(HttpRequest.BodyPublisher publisher) {
        CompletableFuture<byte[]> collected = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable failure) {
                collected.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                collected.complete(out.toByteArray());
            }
        });
        return collected.join();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing is best effort at the end of a run.
        }
    }
}
