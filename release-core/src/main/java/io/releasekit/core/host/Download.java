package io.releasekit.core.host;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An open download: the bytes stream from the host as they are read, never held in memory as a whole. The caller
 * closes it.
 *
 * @param content the bytes
 * @param length the number of bytes announced by the host, or -1 when it did not say (a source archive generated on
 *     the fly)
 * @param contentType the media type the host announced
 */
public record Download(InputStream content, long length, String contentType) implements Closeable {

    public Download {
        Objects.requireNonNull(content, "content");
        contentType = contentType == null ? "application/octet-stream" : contentType;
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
