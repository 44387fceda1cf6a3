package io.releasekit.core.artifact;

/** Receives progress of a verification or publication; called from worker threads, one call at a time. */
@FunctionalInterface
public interface ProgressListener {

    /** Does nothing. */
    ProgressListener NONE = (done, total, bytes) -> {};

    /**
     * Reports progress.
     *
     * @param objectsDone objects finished so far
     * @param objectsTotal objects in all
     * @param bytesDone bytes read or copied so far
     */
    void progress(long objectsDone, long objectsTotal, long bytesDone);
}
