package io.releasekit.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionPolicyTest {

    @Test
    void afterCuttingABranchMainMovesToTheNextMinorDev() {
        VersionPolicy.VersionChange c = VersionPolicy.components().afterBranchCut(SemVer.parse("1.2.5"));
        assertThat(c.to()).hasToString("1.3.0-dev");
        assertThat(VersionPolicy.components()
                        .afterBranchCut(SemVer.parse("2.1.0-dev"))
                        .to())
                .hasToString("2.2.0-dev");
    }

    @Test
    void releasingOnABranchIsFollowedByTheNextPatchDev() {
        assertThat(VersionPolicy.components()
                        .afterRelease(SemVer.parse("2.1.3"))
                        .to())
                .hasToString("2.1.4-dev");
        assertThat(VersionPolicy.components().releaseOf(SemVer.parse("2.1.4-dev")))
                .hasToString("2.1.4");
    }

    @Test
    void theChartsRepositoryVersionFollowsSeed003WithDev() {
        assertThat(VersionPolicy.chartsRepository()
                        .afterBranchCut(SemVer.parse("2.1.0"))
                        .to())
                .hasToString("2.2.0-dev");
        assertThat(VersionPolicy.chartsRepository()
                        .afterRelease(SemVer.parse("2.1.3"))
                        .to())
                .hasToString("2.1.4-dev");
    }

    @Test
    void chartVersionsNeverCarryDev() {
        assertThat(VersionPolicy.charts().afterBranchCut(SemVer.parse("2.1.0")).to())
                .hasToString("2.2.0");
        assertThat(VersionPolicy.charts().afterRelease(SemVer.parse("2.1.3")).to())
                .hasToString("2.1.4");
        assertThat(VersionPolicy.charts()
                        .afterRelease(SemVer.parse("2.1.3"))
                        .to()
                        .isPreRelease())
                .isFalse();
    }

    @Test
    void namesTheReleaseBranchAfterMajorAndMinor() {
        assertThat(VersionPolicy.components().releaseBranch("aether-", SemVer.parse("2.1.0")))
                .isEqualTo("aether-2.1");
    }

    @Test
    void aFixOnABranchRaisesThePatch() {
        assertThat(VersionPolicy.components().patchForFix(SemVer.parse("2.1.2")))
                .hasToString("2.1.3");
        assertThat(VersionPolicy.components().patchForFix(SemVer.parse("2.1.3-dev")))
                .hasToString("2.1.3");
    }
}
