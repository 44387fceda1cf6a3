package io.releasekit.aws.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ReleaseException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Turns a failure to resolve credentials into a releasekit exception naming the credential source: STS failures arrive
 * already translated (and guarded) from {@link GuardedStsClient}; anything else (a missing profile, an empty default
 * chain) is a configuration error that no retry will fix.
 */
public final class TranslatingCredentialsProvider implements AwsCredentialsProvider {

    private final AwsCredentialsProvider delegate;
    private final String description;

    /** Wraps {@code delegate}, described as {@code description} in messages (never a secret). */
    public TranslatingCredentialsProvider(AwsCredentialsProvider delegate, String description) {
        this.delegate = delegate;
        this.description = description;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (ReleaseException e) {
            throw e;
        } catch (RuntimeException e) {
            ReleaseException inner = causeOf(e);
            if (inner != null) {
                throw inner;
            }
            throw new InvalidInputException(
                    "AWS credentials from " + description + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private static ReleaseException causeOf(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ReleaseException r) {
                return r;
            }
        }
        return null;
    }
}
