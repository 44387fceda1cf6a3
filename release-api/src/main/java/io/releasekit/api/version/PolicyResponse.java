package io.releasekit.api.version;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.version.SemVer;
import io.releasekit.core.version.VersionPolicy;

/**
 * The outcome of the VERSION policy.
 *
 * @param from the VERSION value before
 * @param to what the VERSION file becomes (main after a branch cut; the branch after a release)
 * @param released the version released, for {@code RELEASE}
 * @param branch the release branch to cut, for {@code BRANCH_CUT}
 */
@Serdeable
public record PolicyResponse(String from, String to, String released, String branch) {

    static PolicyResponse of(VersionPolicy policy, SemVer current, PolicyRequest.PolicyEvent event, String prefix) {
        return switch (event) {
            case BRANCH_CUT ->
                new PolicyResponse(
                        current.toString(),
                        policy.afterBranchCut(current).to().toString(),
                        null,
                        BranchName.of(policy.releaseBranch(prefix == null ? "" : prefix, current))
                                .value());
            case RELEASE -> {
                SemVer released = policy.releaseOf(current);
                yield new PolicyResponse(
                        current.toString(), policy.afterRelease(released).to().toString(), released.toString(), null);
            }
        };
    }
}
