package io.releasekit.core.version;

/**
 * The VERSION-file policy of the Aether release process (seed 003), for repositories and for chart versions.
 *
 * <ul>
 *   <li>After cutting release branch {@code x.y}, main moves to {@code x.(y+1).0-dev} (a component repository's
 *       VERSION and the charts repository's overall VERSION alike) or {@code x.(y+1).0} (a chart's own version).
 *   <li>Releasing {@code x.y.n} on a branch is followed at once by {@code x.y.(n+1)-dev} (repository VERSION files,
 *       the charts repository's included) or nothing (a chart version: the next patch release simply bumps to {@code
 *       x.y.(n+1)}).
 *   <li>Only chart versions (Chart.yaml) never carry {@code -dev}: every published chart version must be unique and
 *       plain SemVer.
 * </ul>
 *
 * @param devSuffix whether development versions carry {@code -dev} (repository VERSION files) or not (chart versions)
 */
public record VersionPolicy(boolean devSuffix) {

    /** The policy for component repositories: development versions end in {@code -dev}. */
    public static VersionPolicy components() {
        return new VersionPolicy(true);
    }

    /**
     * The policy for the charts repository's overall VERSION file (seed 003): the same as {@link #components()} — main
     * goes to {@code x.(y+1).0-dev} and a branch back to {@code x.y.(n+1)-dev} right after a point release.
     */
    public static VersionPolicy chartsRepository() {
        return new VersionPolicy(true);
    }

    /** The policy for chart versions (Chart.yaml): never {@code -dev}. */
    public static VersionPolicy charts() {
        return new VersionPolicy(false);
    }

    /** The name of the release branch cut from {@code version} with a prefix: {@code aether-} + 2.1.0 → aether-2.1. */
    public String releaseBranch(String prefix, SemVer version) {
        return prefix + version.major() + "." + version.minor();
    }

    /** What main's VERSION becomes after the branch for {@code current}'s minor line was cut. */
    public VersionChange afterBranchCut(SemVer current) {
        SemVer next = current.release().bump(Bump.MINOR);
        return new VersionChange(current, devSuffix ? next.dev() : next);
    }

    /** The version to release from a branch whose VERSION is {@code current} ({@code 2.1.3-dev} → {@code 2.1.3}). */
    public SemVer releaseOf(SemVer current) {
        return current.release();
    }

    /** What a branch's VERSION becomes right after {@code released} was released there. */
    public VersionChange afterRelease(SemVer released) {
        SemVer next = released.release().bump(Bump.PATCH);
        return new VersionChange(released, devSuffix ? next.dev() : next);
    }

    /** The VERSION value a cherry-picked fix on a release branch brings ({@code 2.1.3-dev} or {@code 2.1.2} → 2.1.3). */
    public SemVer patchForFix(SemVer current) {
        return current.isPreRelease() ? current.release() : current.bump(Bump.PATCH);
    }

    /**
     * A VERSION change.
     *
     * @param from the value before
     * @param to the value after
     */
    public record VersionChange(SemVer from, SemVer to) {}
}
