package io.releasekit.api.protect;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.releasekit.api.artifact.EmergencyPublishProperties;
import io.releasekit.api.git.RepositoryProperties;
import io.releasekit.api.github.GitHubRepositoryProperties;
import io.releasekit.api.image.ChartRepositoryProperties;
import io.releasekit.api.image.RegistryProperties;
import io.releasekit.api.notify.ChannelProperties;
import io.releasekit.api.store.ConfiguredStores;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.protect.ProtectionPolicy;
import io.releasekit.core.protect.ProtectionRule;
import io.releasekit.core.protect.TargetPattern;
import io.releasekit.core.protect.WriteOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protection every store, repository, image registry, GitHub repository and chat channel of this server is wrapped in, and the run engine plans runs with: the
 * rules of {@code releasekit.protection.rules.*}, plus {@code emergency-publish-destination} (emergency-publish's
 * releases store under the fixed part of its destination prefix, its approvals, the requester excluded) unless a rule
 * of that name is configured or {@code releasekit.protection.emergency-destination} is false.
 */
@Factory
public class ProtectionFactory {

    /** The name of the rule protecting emergency-publish's destination by default. */
    public static final String EMERGENCY_RULE = "emergency-publish-destination";

    private static final Logger LOG = LoggerFactory.getLogger(ProtectionFactory.class);

    private static Map<String, ProtectionRules.OciCharts> chartRepositories(List<ChartRepositoryProperties> all) {
        Map<String, ProtectionRules.OciCharts> out = new TreeMap<>();
        all.forEach(c -> out.put(
                c.getName(),
                new ProtectionRules.OciCharts(
                        c.getUrl() == null ? c.getRegistry() : null,
                        c.getNamespace() == null ? "" : c.getNamespace().strip())));
        return out;
    }

    /** Builds the protection at start (eagerly): a bad rule stops the start with a message naming its key. */
    @Context
    public Protection protection(
            List<ProtectionRuleProperties> rules,
            ConfiguredStores configuredStores,
            List<RepositoryProperties> repositories,
            List<RegistryProperties> registries,
            List<GitHubRepositoryProperties> githubRepositories,
            List<ChannelProperties> channels,
            List<ChartRepositoryProperties> chartRepositories,
            EmergencyPublishProperties emergency,
            @Value("${releasekit.protection.emergency-destination:true}") boolean protectEmergencyDestination) {
        Set<String> stores = configuredStores.registry().names();
        List<String> repos =
                repositories.stream().map(RepositoryProperties::getName).toList();
        List<String> imageRegistries =
                registries.stream().map(RegistryProperties::getName).sorted().toList();
        ProtectionRules.Configured configured = new ProtectionRules.Configured(
                stores,
                repos,
                imageRegistries,
                githubRepositories.stream()
                        .map(GitHubRepositoryProperties::getName)
                        .sorted()
                        .toList(),
                channels.stream().map(ChannelProperties::getName).sorted().toList(),
                chartRepositories(chartRepositories));
        List<ProtectionRule> all = new ArrayList<>(ProtectionRules.of(rules, configured));
        boolean named = all.stream().anyMatch(r -> r.name().equals(EMERGENCY_RULE));
        if (protectEmergencyDestination && !named && stores.contains(emergency.getReleasesStore())) {
            String prefix = emergency.getDestinationPrefix();
            int brace = prefix.indexOf('{');
            all.add(new ProtectionRule(
                    EMERGENCY_RULE,
                    new TargetPattern.StorePrefix(
                            emergency.getReleasesStore(), brace < 0 ? prefix : prefix.substring(0, brace)),
                    Set.of(WriteOperation.WRITE, WriteOperation.DELETE),
                    ApprovalPolicy.releaseManagers(emergency.getApprovals())));
        }
        all.forEach(r -> LOG.info(
                "protected: {} needs {}",
                r.describe(),
                io.releasekit.core.protect.ApprovalRequiredException.describe(r.approvals())));
        return Protection.of(ProtectionPolicy.of(all));
    }
}
