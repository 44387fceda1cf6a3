package io.releasekit.core.artifact.internal;

import io.releasekit.core.artifact.ProgressListener;
import java.util.concurrent.atomic.AtomicLong;

/** Shared progress counters of a parallel job; tells the listener per object and every 64 MiB, one call at a time. */
public final class Progress {

    private static final long EVERY_BYTES = 64L << 20;

    private final ProgressListener listener;
    private final long total;
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastReported = new AtomicLong();

    /** Counts towards {@code total} objects. */
    public Progress(ProgressListener listener, long total) {
        this.listener = listener;
        this.total = total;
    }

    /** Adds moved bytes. */
    public void bytes(long n) {
        long now = bytes.addAndGet(n);
        long last = lastReported.get();
        if (now - last >= EVERY_BYTES && lastReported.compareAndSet(last, now)) {
            report();
        }
    }

    /** Marks one object done. */
    public void objectDone() {
        objects.incrementAndGet();
        lastReported.set(bytes.get());
        report();
    }

    /** Bytes so far. */
    public long bytes() {
        return bytes.get();
    }

    private synchronized void report() {
        listener.progress(objects.get(), total, bytes.get());
    }
}
