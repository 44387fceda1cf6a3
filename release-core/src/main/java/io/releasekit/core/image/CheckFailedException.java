package io.releasekit.core.image;

import io.releasekit.core.ConflictException;
import java.util.List;

/**
 * A release check (Dockerfile base images, Helm chart images and versions) found what the release rules refuse. Lists
 * every finding, so one failed run shows all there is to fix; the REST facade answers 409 {@code check-failed}.
 */
public class CheckFailedException extends ConflictException {

    private final List<String> findings;

    /**
     * @param what what was checked, e.g. {@code chart charts/sd-core at main of repository 'charts'}
     * @param findings every finding, one line each
     */
    public CheckFailedException(String what, List<String> findings) {
        super(what + " failed " + findings.size() + (findings.size() == 1 ? " check: " : " checks: ")
                + String.join("; ", findings));
        this.findings = List.copyOf(findings);
    }

    /** Every finding. */
    public List<String> findings() {
        return findings;
    }

    @Override
    public String errorType() {
        return "check-failed";
    }
}
