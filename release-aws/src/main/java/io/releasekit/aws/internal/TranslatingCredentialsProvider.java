package io.releasekit.aws.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import java.io.IOException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns a failure to resolve credentials into a releasekit exception naming the credential source: STS failures arrive
 * already translated (and guarded) from {@link GuardedStsClient}. A credential service that is down — the IAM Identity
 * Center (SSO) portal, the instance or container metadata endpoint answering 5xx or 429, or not answering at all — is a
 * {@link ServiceUnavailableException} of {@value #SERVICE}: retryable, and counted by the caller's guard. Anything
 * else (a missing profile, an expired or revoked SSO token, an empty default chain) is a configuration error that no
 * retry will fix.
 */
public final class TranslatingCredentialsProvider implements AwsCredentialsProvider {

    /** The service named by an outage of a credential service. */
    public static final String SERVICE = "aws-credentials";

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
            if (outage(e)) {
                throw new ServiceUnavailableException(
                        SERVICE,
                        "AWS credentials from " + description + " cannot be loaded now: the credential service is"
                                + " unavailable (" + e.getMessage() + ")",
                        e);
            }
            throw new InvalidInputException(
                    "AWS credentials from " + description + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /** A 5xx or 429 from the credential service, or no answer (connection refused, reset, timed out). */
    static boolean outage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SdkServiceException s && (s.statusCode() >= 500 || s.statusCode() == 429)) {
                return true;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
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
