package io.releasekit.aws.bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An SDK HTTP client whose body bytes cross an emulated full-duplex network link of a fixed bandwidth (one budget up,
 * one down, shared by all connections), as between a CI runner or laptop and S3. Loopback to S3Proxy has no such
 * limit, which hides the very cost a server-side copy avoids; the benchmark states when it is used.
 */
final class EmulatedLink implements SdkHttpClient {

    private final SdkHttpClient delegate;
    private final Budget up;
    private final Budget down;

    EmulatedLink(SdkHttpClient delegate, long bytesPerSecond) {
        this.delegate = delegate;
        this.up = new Budget(bytesPerSecond);
        this.down = new Budget(bytesPerSecond);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        HttpExecuteRequest.Builder b = HttpExecuteRequest.builder()
                .request(request.httpRequest())
                .metricCollector(request.metricCollector().orElse(null));
        request.contentStreamProvider().ifPresent(p -> b.contentStreamProvider(() -> new Paced(p.newStream(), up)));
        ExecutableHttpRequest exec = delegate.prepareRequest(b.build());
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse r = exec.call();
                if (r.responseBody().isEmpty()) {
                    return r;
                }
                AbortableInputStream body = r.responseBody().get();
                return HttpExecuteResponse.builder()
                        .response(r.httpResponse())
                        .responseBody(AbortableInputStream.create(new Paced(body, down), body))
                        .build();
            }

            @Override
            public void abort() {
                exec.abort();
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** A token bucket: bytes may pass once the link had time to carry them. */
    private static final class Budget {
        private final double nanosPerByte;
        private long nextFree = System.nanoTime();

        Budget(long bytesPerSecond) {
            this.nanosPerByte = 1e9 / bytesPerSecond;
        }

        void take(int bytes) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                nextFree = Math.max(nextFree, now) + (long) (bytes * nanosPerByte);
                wait = nextFree - now;
            }
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static final class Paced extends FilterInputStream {
        private final Budget budget;

        Paced(InputStream in, Budget budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                budget.take(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                budget.take(n);
            }
            return n;
        }
    }
}
