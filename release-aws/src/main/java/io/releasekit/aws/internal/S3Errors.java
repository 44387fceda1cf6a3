package io.releasekit.aws.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where AWS SDK failures (S3 and STS) become releasekit exceptions, decided by the error code and then
 * the HTTP status: missing → not found; bad digest, failed precondition, 409/412 → conflict; access denied and other
 * 4xx → invalid input (a client error that never opens a breaker); throttling, 429, 5xx, and any failure to reach the
 * service → service unavailable naming the service (retryable, counted by its breaker).
 */
public final class S3Errors {

    private S3Errors() {}

    /**
     * Translates {@code e}, thrown while doing {@code what} against {@code service}.
     *
     * @param e the failure
     * @param service the guarded service name, e.g. {@code s3:eu-central-1}
     * @param what the operation and its target for the message, e.g. {@code put of 'a/b' to s3://releases/}
     * @return the exception to throw: a releasekit exception, or {@code e} itself when it is not an AWS failure
     */
    public static RuntimeException translate(RuntimeException e, String service, String what) {
        ReleaseException inner = find(e, ReleaseException.class);
        if (inner != null) {
            return inner;
        }
        ShortContentException shortContent = find(e, ShortContentException.class);
        if (shortContent != null) {
            return new ConflictException(what + " failed: " + shortContent.getMessage(), e);
        }
        if (e instanceof AwsServiceException a) {
            return translateService(a, service, what);
        }
        if (e instanceof SdkClientException || e instanceof SdkException) {
            String reason = find(e, IOException.class) != null ? "could not be reached" : "failed on the client side";
            return new ServiceUnavailableException(
                    service, what + " failed: " + service + " " + reason + ": " + e.getMessage(), e);
        }
        if (e instanceof IllegalArgumentException) {
            return new InvalidInputException(what + " was refused by the AWS SDK: " + e.getMessage(), e);
        }
        return e;
    }

    private static RuntimeException translateService(AwsServiceException a, String service, String what) {
        AwsErrorDetails d = a.awsErrorDetails();
        String code = d == null || d.errorCode() == null ? "" : d.errorCode();
        int status = a.statusCode();
        String detail = what + " failed: HTTP " + status + (code.isEmpty() ? "" : " " + code) + message(d);
        return switch (code) {
            case "NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NotFound" -> new NotFoundException(detail, a);
            case "BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch" ->
                new ConflictException(detail + " (the content does not match its SHA-256; nothing was stored)", a);
            case "PreconditionFailed", "ConditionalRequestConflict", "OperationAborted" ->
                new ConflictException(detail, a);
            case "SlowDown",
                    "Throttling",
                    "ThrottlingException",
                    "TooManyRequests",
                    "TooManyRequestsException",
                    "RequestLimitExceeded",
                    "ServiceUnavailable",
                    "InternalError",
                    "RequestTimeout",
                    "IDPCommunicationError" -> new ServiceUnavailableException(service, detail, a);
            case "AccessDenied",
                    "InvalidAccessKeyId",
                    "SignatureDoesNotMatch",
                    "ExpiredToken",
                    "InvalidToken",
                    "InvalidClientTokenId",
                    "AllAccessDisabled",
                    "AccountProblem",
                    "RegionDisabledException" -> accessDenied(detail, a);
            default -> byStatus(status, service, detail, a);
        };
    }

    private static RuntimeException byStatus(int status, String service, String detail, AwsServiceException a) {
        return switch (status) {
            case 404 -> new NotFoundException(detail, a);
            case 403 -> accessDenied(detail, a);
            case 409, 412 -> new ConflictException(detail, a);
            case 429, 503 -> new ServiceUnavailableException(service, detail, a);
            default ->
                status >= 500
                        ? new ServiceUnavailableException(service, detail, a)
                        : new InvalidInputException(detail, a);
        };
    }

    private static InvalidInputException accessDenied(String detail, AwsServiceException a) {
        return new InvalidInputException(
                detail + " (access denied: check the credentials, role and bucket policy configured for this store)",
                a);
    }

    private static String message(AwsErrorDetails d) {
        return d == null || d.errorMessage() == null || d.errorMessage().isBlank() ? "" : ": " + d.errorMessage();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
