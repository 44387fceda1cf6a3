package io.releasekit.core.artifact;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the bytes of an object to write, afresh on every call: a guarded write that is retried reads them again from
 * the start instead of from a stream an earlier attempt already consumed.
 */
@FunctionalInterface
public interface ContentSource {

    /** Opens a new stream over the bytes; the caller closes it. */
    InputStream open() throws IOException;
}
