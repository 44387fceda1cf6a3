package io.releasekit.core.artifact;

import io.releasekit.core.service.ServiceGuards;
import java.time.Clock;
import java.util.Objects;

/**
 * Publishes a verified release from one location to another: verify the source against its manifest (refusing any
 * mismatch, missing artifact or refused signature: releasekit never publishes what it has not verified), copy each
 * object with bounded concurrency (server-side when the stores allow it, else streamed, never through a temporary
 * file), verify the destination, and write the manifest (and its signature) last, so a reader never sees a half
 * release. An object already at the destination with the same digest is skipped, so a rerun after a crash finishes the
 * job without copying anything twice; a different object at the same key is a conflict unless overwriting is asked
 * for.
 *
 * <pre>{@code
 * PublishResult r = new Publisher(guards)
 *         .publish(artifacts, "1a2b3c4/", releases, "ferrocene/1.0/")
 *         .manifest("SHA256SUMS")
 *         .signatures(SignaturePolicy.requireManifest(keyring))
 *         .overwrite(false)
 *         .concurrency(4)
 *         .dryRun(true)
 *         .call();
 * }</pre>
 */
public final class Publisher {

    private final ServiceGuards guards;
    private final Clock clock;

    /** A publisher whose store calls go through {@code guards}. */
    public Publisher(ServiceGuards guards) {
        this(guards, Clock.systemUTC());
    }

    /** A publisher with a clock for key-expiry decisions (tests). */
    public Publisher(ServiceGuards guards, Clock clock) {
        this.guards = Objects.requireNonNull(guards, "guards");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts a publication of the release below {@code sourcePrefix} to below {@code destinationPrefix}. */
    public PublishCommand publish(
            ArtifactStore source, String sourcePrefix, ArtifactStore destination, String destinationPrefix) {
        return new PublishCommand(guards, clock, source, sourcePrefix, destination, destinationPrefix);
    }
}
