package io.releasekit.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the same content again each time it is asked: an upload that is retried after a failure reads it from the
 * start instead of from a half-consumed stream.
 */
@FunctionalInterface
public interface StreamSource {

    /** Opens a fresh stream over the content; the caller closes it. */
    InputStream open() throws IOException;

    /** The content of a file. */
    static StreamSource of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
