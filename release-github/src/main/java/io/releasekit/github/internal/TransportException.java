package io.releasekit.github.internal;

import java.io.IOException;
import org.kohsuke.github.GHIOException;

/**
 * GitHub could not be reached or the connection broke (refused, reset, timed out). A {@link GHIOException} rather
 * than a {@link java.net.SocketException} so that hub4j neither sleeps nor retries on its own: the service guard
 * decides.
 */
public final class TransportException extends GHIOException {

    TransportException(String message, IOException cause) {
        super(message, cause);
    }
}
