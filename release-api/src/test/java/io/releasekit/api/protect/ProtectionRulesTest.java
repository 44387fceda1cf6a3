package io.releasekit.api.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.ProtectionRule;
import io.releasekit.core.protect.WriteOperation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule keys of GitHub releases, chat channels and chart repositories: what each turns into, and the start-time
 * errors that name the bad key.
 */
class ProtectionRulesTest {

    private static final ProtectionRules.Configured CONFIGURED = new ProtectionRules.Configured(
            List.of("releases"),
            List.of("app"),
            List.of("local"),
            List.of("cfn"),
            List.of("ops-slack", "community-mastodon"),
            Map.of(
                    "aether-charts",
                    new ProtectionRules.OciCharts("local", "aether/charts"),
                    "helm",
                    new ProtectionRules.OciCharts(null, "")));

    private static ProtectionRule rule(ProtectionRuleProperties p) {
        return ProtectionRules.of(List.of(p), CONFIGURED).get(0);
    }

    private static ProtectionRuleProperties props(String name, List<String> operations) {
        ProtectionRuleProperties p = new ProtectionRuleProperties(name);
        p.setOperations(operations);
        return p;
    }

    @Test
    void aGitHubRuleCoversTheReleasesOfItsTagsForItsOperations() {
        ProtectionRuleProperties p = props("cfn-releases", List.of("publish", "delete"));
        p.setGithubRepository("cfn");
        p.setReleaseTag("release-*");

        ProtectionRule r = rule(p);

        assertThat(r.covers(PlannedWrite.release("cfn", "release-0.1.2", WriteOperation.PUBLISH, "")))
                .isTrue();
        assertThat(r.covers(PlannedWrite.release("cfn", "release-0.1.2", WriteOperation.CREATE, "")))
                .isFalse();
        assertThat(r.covers(PlannedWrite.release("cfn", "nightly", WriteOperation.DELETE, "")))
                .isFalse();
    }

    @Test
    void aChannelRuleCoversPostsAndTopicsOfMatchingChannels() {
        ProtectionRuleProperties p = props("community", List.of("post", "set-topic"));
        p.setChannel("community-*");

        ProtectionRule r = rule(p);

        assertThat(r.covers(PlannedWrite.post("community-mastodon", ""))).isTrue();
        assertThat(r.covers(PlannedWrite.topic("community-mastodon", ""))).isTrue();
        assertThat(r.covers(PlannedWrite.post("ops-slack", ""))).isFalse();
    }

    @Test
    void aChartRuleProtectsTheChartsTagsAndManifestsInItsRegistryBelowItsNamespace() {
        ProtectionRuleProperties p = props("sd-core-chart", List.of("write", "delete"));
        p.setChartRepository("aether-charts");
        p.setChart("sd-*");

        ProtectionRule r = rule(p);

        assertThat(r.covers(PlannedWrite.imageWrite("local", "aether/charts/sd-core", "2.1.4", "")))
                .isTrue();
        assertThat(r.covers(PlannedWrite.imageDelete("local", "aether/charts/sd-core", "2.1.3", "")))
                .isTrue();
        assertThat(r.covers(PlannedWrite.imageDelete("local", "aether/charts/other", "1.0.0", "")))
                .isFalse();
        assertThat(r.covers(PlannedWrite.imageDelete("local", "aether/sd-core", "1.0.0", "")))
                .isFalse();
    }

    @Test
    void badKeysStopTheStartNamingTheKey() {
        ProtectionRuleProperties http = props("helm", List.of("write"));
        http.setChartRepository("helm");
        ProtectionRuleProperties unknownRepo = props("gh", List.of("publish"));
        unknownRepo.setGithubRepository("cfm");
        ProtectionRuleProperties wrongOp = props("chat", List.of("publish"));
        wrongOp.setChannel("ops-slack");
        ProtectionRuleProperties unknownChannel = props("chat2", List.of("post"));
        unknownChannel.setChannel("ops-slak");
        ProtectionRuleProperties two = props("two", List.of("post"));
        two.setChannel("ops-slack");
        two.setGithubRepository("cfn");

        assertThatThrownBy(() -> rule(http))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("releasekit.protection.rules.helm.chart-repository names 'helm', an HTTP Helm");
        assertThatThrownBy(() -> rule(unknownRepo))
                .hasMessage("releasekit.protection.rules.gh.github-repository names 'cfm', which is not a configured"
                        + " GitHub repository; configured: [cfn]");
        assertThatThrownBy(() -> rule(wrongOp))
                .hasMessageContaining("'publish' does not apply to this target; it takes [post, set-topic]");
        assertThatThrownBy(() -> rule(unknownChannel))
                .hasMessageContaining("names 'ops-slak', which is not a configured channel");
        assertThatThrownBy(() -> rule(two)).hasMessageContaining("(exactly one of them)");
    }
}
