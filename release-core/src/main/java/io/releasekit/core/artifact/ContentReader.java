package io.releasekit.core.artifact;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an object's bytes to a result inside one call to the store, so that a guarded read that is retried starts
 * over with a new stream.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface ContentReader<T> {

    /** Reads from {@code in} (closed by the caller) to a result. */
    T read(InputStream in) throws IOException;
}
