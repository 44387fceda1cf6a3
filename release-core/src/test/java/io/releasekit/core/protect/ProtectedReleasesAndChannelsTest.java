package io.releasekit.core.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.host.FilePullRequest;
import io.releasekit.core.host.OpenedPullRequest;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Releases;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.InMemoryReleaseHost;
import io.releasekit.core.testkit.RecordingNotifier;
import io.releasekit.core.version.TagScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The release hosts and channels the registries hand out check every write as stores and repositories do: a GitHub
 * release is the target {@code release <repository>@<tag>}, a channel {@code channel <name>}; a direct write to a
 * protected one is refused before it reaches the host, a run writes only what it planned, and a dry run plans at the
 * port.
 */
class ProtectedReleasesAndChannelsTest {

    private static final String SHA = "1111111111111111111111111111111111111111";

    private final List<PlannedWrite> observed = new CopyOnWriteArrayList<>();
    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final Protection protection = Protection.of(ProtectionPolicy.of(
                    new ProtectionRule(
                            "cfn-releases",
                            new TargetPattern.HostReleases("cfn", "release-*"),
                            Set.of(WriteOperation.CREATE, WriteOperation.PUBLISH),
                            ApprovalPolicy.releaseManagers(1)),
                    new ProtectionRule(
                            "community",
                            new TargetPattern.Channels("mastodon*"),
                            Set.of(WriteOperation.POST),
                            ApprovalPolicy.releaseManagers(1))))
            .withObserver((w, by) -> observed.add(w));
    private final InMemoryReleaseHost github = new InMemoryReleaseHost().ref("main", SHA);
    private final ReleaseHosts hosts = ReleaseHosts.builder(guards)
            .protection(protection)
            .add("cfn", github, TagScheme.of("release-"))
            .build();

    @Test
    void aDirectReleaseOfAProtectedTagIsRefusedBeforeItReachesTheHost() {
        Releases releases = new Releases(hosts.get("cfn"));

        assertThatThrownBy(() -> releases.create("release-0.1.2").target(SHA).call())
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageStartingWith("create of release cfn@release-0.1.2 is protected by rule 'cfn-releases'");
        assertThat(github.writes()).isZero();

        releases.create("nightly").target(SHA).call(); // a tag the rule does not cover
        assertThat(observed).extracting(PlannedWrite::toString).containsExactly("create release cfn@nightly");
    }

    @Test
    void aWriteByReleaseIdIsNamedByTheTagTheHostKnows() {
        long id = github.release("release-0.1.1", "", true).id(); // made behind releasekit's back
        ReleaseHost host = hosts.get("cfn");

        assertThatThrownBy(() -> host.editRelease(id, io.releasekit.core.host.ReleaseEdit.publish()))
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageStartingWith("publish of release cfn@release-0.1.1");
        host.editRelease(id, io.releasekit.core.host.ReleaseEdit.body("Notes")); // write: not protected by the rule
        assertThat(observed).extracting(PlannedWrite::toString).containsExactly("write release cfn@release-0.1.1");
        assertThat(github.findRelease("release-0.1.1").orElseThrow().draft()).isTrue();
    }

    @Test
    void aDryRunPlansItsReleaseWritesAtThePortAndWritesNothing() throws Exception {
        Releases releases = new Releases(hosts.get("cfn"));
        List<PlannedWrite> plan = new ArrayList<>();

        WriteAuthority.planning("r1", "github.release", "create-release", "ci", plan::add)
                .call(() -> releases.create("release-0.1.2")
                        .target(SHA)
                        .dryRun(true)
                        .call());
        releases.plan("release-0.1.2", "notes and publish", WriteOperation.WRITE, WriteOperation.PUBLISH);

        assertThat(plan)
                .extracting(PlannedWrite::toString)
                .containsExactly("create release cfn@release-0.1.2"); // plan() outside a planning run adds nothing
        assertThat(github.writes()).isZero();
    }

    @Test
    void aPullRequestIsTheTargetOfItsBranchAndARunOpensOnlyThePlannedOne() throws Exception {
        ReleaseHost host = hosts.get("cfn");
        FilePullRequest post = new FilePullRequest("blog/packit-in-may-2026", "posts/may.md", "# May\n", "May", "");
        PlannedWrite write = PlannedWrite.pullRequest("cfn", "blog/packit-in-may-2026", "open it");
        WriteAuthority planned =
                WriteAuthority.run("r4", "packit.deployment", "blog-pull-request", "ci", List.of(), List.of(write));
        WriteAuthority other = WriteAuthority.run(
                "r5",
                "packit.deployment",
                "blog-pull-request",
                "ci",
                List.of(),
                List.of(PlannedWrite.pullRequest("cfn", "blog/other", "x")));

        assertThatThrownBy(() -> other.call(() -> host.openPullRequest(post)))
                .isInstanceOf(UnplannedWriteException.class)
                .hasMessageContaining("create pull-request cfn@blog/packit-in-may-2026");
        OpenedPullRequest first = planned.call(() -> host.openPullRequest(post));
        OpenedPullRequest again = planned.call(() -> host.openPullRequest(post));

        assertThat(first.created()).isTrue();
        assertThat(again).isEqualTo(new OpenedPullRequest(first.number(), first.url(), false));
        assertThat(github.openedPullRequests()).hasSize(1);
        assertThat(observed)
                .extracting(PlannedWrite::toString)
                .containsOnly("create pull-request cfn@blog/packit-in-may-2026");
        assertThat(PlannedWrite.decode(write.encode())).isEqualTo(write);
    }

    @Test
    void anAnnouncementWithOneProtectedChannelPostsNowhere() {
        RecordingNotifier slack = RecordingNotifier.withTopic("ops-slack", "slack");
        RecordingNotifier mastodon = RecordingNotifier.withoutTopic("mastodon-community", "mastodon");
        Notifiers channels = new Notifiers(List.of(slack, mastodon), guards, protection);

        assertThatThrownBy(() -> channels.announce(List.of("ops-slack", "mastodon-community"), Message.of("1.0"), "k"))
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageStartingWith("post of channel mastodon-community is protected by rule 'community'");

        assertThat(slack.posted()).isEmpty();
        assertThat(mastodon.posted()).isEmpty();
        channels.get("ops-slack").setTopic(Topic.of("Deploying")); // not protected
        assertThat(observed).extracting(PlannedWrite::toString).containsExactly("set-topic channel ops-slack");
    }

    @Test
    void aRunPostsOnTheAnnouncementsThreadsOnlyWhatItPlannedWithItsApprovals() throws Exception {
        RecordingNotifier slack = RecordingNotifier.withTopic("ops-slack", "slack");
        RecordingNotifier mastodon = RecordingNotifier.withoutTopic("mastodon-community", "mastodon");
        Notifiers channels = new Notifiers(List.of(slack, mastodon), guards, protection);
        WriteAuthority run = WriteAuthority.run(
                "r2",
                "notify.announce",
                "announce",
                "ci",
                List.of(new Approver("alice", ApprovalPolicy.RELEASE_MANAGER)),
                List.of(PlannedWrite.post("ops-slack", "x"), PlannedWrite.post("mastodon-community", "y")));
        WriteAuthority unplanned = WriteAuthority.run(
                "r3",
                "notify.announce",
                "announce",
                "ci",
                List.of(new Approver("alice", ApprovalPolicy.RELEASE_MANAGER)),
                List.of(PlannedWrite.post("mastodon-community", "y")));

        run.call(() -> channels.announce(List.of("ops-slack", "mastodon-community"), Message.of("1.0"), "k"));
        assertThatThrownBy(() -> unplanned.call(
                        () -> channels.announce(List.of("ops-slack", "mastodon-community"), Message.of("2.0"), "k2")))
                .isInstanceOf(UnplannedWriteException.class)
                .hasMessageContaining("post channel ops-slack")
                .hasMessageContaining("not in the run's plan");

        assertThat(slack.posted()).extracting(Message::text).containsExactly("1.0");
        assertThat(mastodon.posted()).extracting(Message::text).containsExactly("1.0");
    }
}
