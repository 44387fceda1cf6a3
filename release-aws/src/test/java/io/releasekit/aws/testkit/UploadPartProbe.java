package io.releasekit.aws.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client wrapper that watches UploadPart requests ({@code PUT ?partNumber=&uploadId=}): how many are in
 * flight at once (the peak), how many were in flight when an AbortMultipartUpload was sent, and optionally holds parts
 * at a gate until enough are in flight together, or answers chosen parts with S3's 500 InternalError once.
 */
public final class UploadPartProbe implements SdkHttpClient {

    private final SdkHttpClient delegate;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger parts = new AtomicInteger();
    private final AtomicInteger aborts = new AtomicInteger();
    private final AtomicInteger inFlightAtAbort = new AtomicInteger(-1);
    private final Set<Integer> failOnce = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch gate;
    private volatile int gated;
    private volatile Runnable onGateFull = () -> {};

    /** Watches requests going through {@code delegate}. */
    public UploadPartProbe(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /**
     * Holds each of the first {@code n} UploadParts until {@code n} are in flight together (at most 10 s), then runs
     * {@code whenFull} on the thread of the last one to arrive.
     */
    public UploadPartProbe gate(int n, Runnable whenFull) {
        this.gated = n;
        this.onGateFull = whenFull;
        this.gate = new CountDownLatch(n);
        return this;
    }

    /** Answers the first attempt of part {@code partNumber} with 500 InternalError, without sending it. */
    public UploadPartProbe failOnce(int partNumber) {
        failOnce.add(partNumber);
        return this;
    }

    /** The most UploadParts that were in flight at once. */
    public int peak() {
        return peak.get();
    }

    /** UploadParts sent (failed ones included). */
    public int parts() {
        return parts.get();
    }

    /** AbortMultipartUploads sent. */
    public int aborts() {
        return aborts.get();
    }

    /** UploadParts in flight when the last AbortMultipartUpload was sent; -1 when none was. */
    public int inFlightAtAbort() {
        return inFlightAtAbort.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest r = request.httpRequest();
        var q = r.rawQueryParameters();
        boolean part = r.method().name().equals("PUT") && q.containsKey("partNumber") && q.containsKey("uploadId");
        boolean abort = r.method().name().equals("DELETE") && q.containsKey("uploadId");
        if (!part) {
            if (abort) {
                aborts.incrementAndGet();
                inFlightAtAbort.set(inFlight.get());
            }
            return delegate.prepareRequest(request);
        }
        int number = Integer.parseInt(q.get("partNumber").get(0));
        ExecutableHttpRequest exec = failOnce.remove(number) ? null : delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                int now = inFlight.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                int seq = parts.incrementAndGet();
                try {
                    CountDownLatch g = gate;
                    if (g != null && seq <= gated) {
                        g.countDown();
                        if (g.getCount() == 0) {
                            onGateFull.run();
                        }
                        if (!g.await(10, TimeUnit.SECONDS)) {
                            throw new IOException("gate: only " + (gated - g.getCount()) + " of " + gated
                                    + " parts arrived together within 10 s");
                        }
                    }
                    return exec == null ? internalError() : exec.call();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted at the gate", e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }

            @Override
            public void abort() {
                if (exec != null) {
                    exec.abort();
                }
            }
        };
    }

    private static HttpExecuteResponse internalError() {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>"
                        + "<Message>We encountered an internal error. Please try again.</Message>"
                        + "<RequestId>4442587FB7D0A2F9</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder()
                        .statusCode(500)
                        .statusText("Internal Server Error")
                        .putHeader("Content-Type", "application/xml")
                        .putHeader("Content-Length", String.valueOf(xml.length))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(xml)))
                .build();
    }

    @Override
    public String clientName() {
        return "probe-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
