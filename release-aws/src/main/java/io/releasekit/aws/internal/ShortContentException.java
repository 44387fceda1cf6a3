package io.releasekit.aws.internal;

import java.io.IOException;

/**
 * The content stream of a put ended before the announced size. Thrown from inside the SDK's request body so the upload
 * aborts; {@link S3Errors} turns it into a conflict rather than mistaking it for a network failure.
 */
public final class ShortContentException extends IOException {

    /** The stream ended after {@code read} of {@code expected} bytes. */
    public ShortContentException(long read, long expected) {
        super("the content ended after " + read + " of the announced " + expected + " bytes");
    }
}
