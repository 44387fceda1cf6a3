package io.releasekit.core.deploy;

/**
 * A deployment's status endpoint (seed 004: {@code https://prod.packit.dev/api/system}): an HTTP JSON document
 * reporting the versions or commits of the deployment's components, each found by a configured JSON pointer.
 * {@code HttpDeploymentStatus} (release-notify) implements it on the JDK HTTP client and Jackson.
 *
 * <p>Implementations translate errors into releasekit's exceptions: an endpoint that fails, answers 5xx, cannot be
 * reached or answers something other than a JSON document is a retryable {@link
 * io.releasekit.core.ServiceUnavailableException} naming {@link #service()}; a refused credential or a missing
 * endpoint is not retryable. They never retry or wait on their own: {@link DeploymentStatuses} hands them out guarded.
 *
 * <pre>{@code
 * StatusSnapshot now = statuses.get("prod").read(); // guarded as deployment:prod
 * now.value("packit-service"); // Optional[3f2a9c...]
 * }</pre>
 */
public interface DeploymentStatus {

    /** The configured name ({@code prod}, {@code staging}). */
    String name();

    /** Where the endpoint is, for messages; never contains credentials. */
    String location();

    /** The guarded service this endpoint is called through ({@code deployment:prod}). */
    String service();

    /** The configured components and their JSON pointers, in the configured order. */
    java.util.Map<String, String> components();

    /**
     * Reads the status document once and picks each component's value.
     *
     * @throws io.releasekit.core.ServiceUnavailableException when the deployment does not answer a JSON document
     */
    StatusSnapshot read();
}
