package io.releasekit.api.protect;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.protect.ProtectionRule;
import io.releasekit.core.protect.TargetPattern;
import io.releasekit.core.protect.WriteOperation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Turns {@code releasekit.protection.rules.*} into rules, with messages naming the bad key. */
final class ProtectionRules {

    private static final Set<WriteOperation> STORE_OPS = EnumSet.of(WriteOperation.WRITE, WriteOperation.DELETE);
    private static final Set<WriteOperation> TAG_OPS = EnumSet.of(WriteOperation.CREATE, WriteOperation.PUSH);
    private static final Set<WriteOperation> IMAGE_OPS = EnumSet.of(WriteOperation.WRITE, WriteOperation.DELETE);

    private static final Set<WriteOperation> RELEASE_OPS =
            EnumSet.of(WriteOperation.CREATE, WriteOperation.WRITE, WriteOperation.PUBLISH, WriteOperation.DELETE);
    private static final Set<WriteOperation> CHANNEL_OPS = EnumSet.of(WriteOperation.POST, WriteOperation.SET_TOPIC);
    private static final Set<WriteOperation> BRANCH_OPS = EnumSet.of(
            WriteOperation.CREATE,
            WriteOperation.COMMIT,
            WriteOperation.MOVE,
            WriteOperation.FORCE_MOVE,
            WriteOperation.PUSH,
            WriteOperation.FORCE_PUSH,
            WriteOperation.DELETE);

    /**
     * The names rules may refer to.
     *
     * @param stores configured stores
     * @param repositories configured git repositories
     * @param registries configured image registries
     * @param githubRepositories configured GitHub repositories ({@code releasekit.github.repositories})
     * @param channels configured chat channels ({@code releasekit.channels})
     * @param chartRepositories configured chart repositories by name: the image registry and namespace of an OCI one
     *     ({@code registry}, {@code namespace}), null values for an HTTP Helm repository
     */
    record Configured(
            Collection<String> stores,
            Collection<String> repositories,
            Collection<String> registries,
            Collection<String> githubRepositories,
            Collection<String> channels,
            java.util.Map<String, OciCharts> chartRepositories) {}

    /**
     * Where an OCI chart repository keeps its charts.
     *
     * @param registry the configured image registry, null for an HTTP Helm repository
     * @param namespace the path charts are pushed under, empty for the registry's root
     */
    record OciCharts(String registry, String namespace) {}

    private ProtectionRules() {}

    /**
     * The rules, checked against the configured names.
     *
     * @throws InvalidInputException naming the key of the first bad value
     */
    static List<ProtectionRule> of(Collection<ProtectionRuleProperties> all, Configured configured) {
        List<ProtectionRule> out = new ArrayList<>();
        for (ProtectionRuleProperties p : all) {
            out.add(rule(p, configured));
        }
        return out;
    }

    private static ProtectionRule rule(ProtectionRuleProperties p, Configured c) {
        String key = "releasekit.protection.rules." + p.getName() + ".";
        boolean store = p.getStore() != null;
        boolean repo = p.getRepository() != null;
        boolean registry = p.getRegistry() != null;
        boolean github = p.getGithubRepository() != null;
        boolean channel = p.getChannel() != null;
        boolean charts = p.getChartRepository() != null;
        if ((store ? 1 : 0)
                        + (repo ? 1 : 0)
                        + (registry ? 1 : 0)
                        + (github ? 1 : 0)
                        + (channel ? 1 : 0)
                        + (charts ? 1 : 0)
                != 1) {
            throw new InvalidInputException(key + "store, " + key + "repository, " + key + "registry, " + key
                    + "github-repository, " + key + "channel or " + key
                    + "chart-repository must be set (exactly one of them)");
        }
        if (!registry && p.getImageRepository() != null) {
            throw new InvalidInputException(key + "image-repository needs " + key + "registry (the image registry)");
        }
        TargetPattern target;
        Set<WriteOperation> allowed;
        if (registry) {
            requireConfigured(key + "registry", p.getRegistry(), "image registry", c.registries());
            if (p.getImageRepository() == null || p.getImageRepository().isBlank()) {
                throw new InvalidInputException(key + "image-repository must name an image repository or glob,"
                        + " e.g. packit/packit-service or packit/**");
            }
            target = new TargetPattern.ImageRepositories(p.getRegistry(), p.getImageRepository());
            allowed = IMAGE_OPS;
        } else if (store) {
            requireConfigured(key + "store", p.getStore(), "store", c.stores());
            target = new TargetPattern.StorePrefix(p.getStore(), p.getPrefix());
            allowed = STORE_OPS;
        } else if (github) {
            requireConfigured(
                    key + "github-repository", p.getGithubRepository(), "GitHub repository", c.githubRepositories());
            if (p.getReleaseTag() == null || p.getReleaseTag().isBlank()) {
                throw new InvalidInputException(key + "release-tag must name a release tag or glob, e.g. release-*"
                        + " (default ** for every release)");
            }
            target = new TargetPattern.HostReleases(p.getGithubRepository(), p.getReleaseTag());
            allowed = RELEASE_OPS;
        } else if (charts) {
            target = charts(key, p, c);
            allowed = IMAGE_OPS;
        } else if (channel) {
            if (!p.getChannel().contains("*")) {
                requireConfigured(key + "channel", p.getChannel(), "channel", c.channels());
            }
            target = new TargetPattern.Channels(p.getChannel());
            allowed = CHANNEL_OPS;
        } else {
            requireConfigured(key + "repository", p.getRepository(), "repository", c.repositories());
            if ((p.getBranch() == null) == (p.getTag() == null)) {
                throw new InvalidInputException(key + "branch or " + key + "tag must be set (exactly one of them)");
            }
            target = p.getBranch() != null
                    ? new TargetPattern.Branches(p.getRepository(), p.getBranch())
                    : new TargetPattern.Tags(p.getRepository(), p.getTag());
            allowed = p.getBranch() != null ? BRANCH_OPS : TAG_OPS;
        }
        Set<WriteOperation> ops = EnumSet.noneOf(WriteOperation.class);
        if (p.getOperations() == null || p.getOperations().isEmpty()) {
            throw new InvalidInputException(key + "operations must name at least one of "
                    + allowed.stream().map(WriteOperation::label).toList());
        }
        for (String o : p.getOperations()) {
            WriteOperation op;
            try {
                op = WriteOperation.parse(o);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(key + "operations: " + e.getMessage());
            }
            if (!allowed.contains(op)) {
                throw new InvalidInputException(
                        key + "operations: '" + op.label() + "' does not apply to this target;" + " it takes "
                                + allowed.stream().map(WriteOperation::label).toList());
            }
            ops.add(op);
        }
        if (p.getApprovals() < 1 || p.getApprovals() > 10) {
            throw new InvalidInputException(key + "approvals must be between 1 and 10, was " + p.getApprovals());
        }
        if (p.getRole() == null || p.getRole().isBlank()) {
            throw new InvalidInputException(key + "role must name a role, e.g. release-manager");
        }
        return new ProtectionRule(
                p.getName(), target, ops, new ApprovalPolicy(p.getApprovals(), p.getRole(), p.isRequesterMayApprove()));
    }

    /** A chart rule is an image rule on the chart repository's registry, below its namespace. */
    private static TargetPattern charts(String key, ProtectionRuleProperties p, Configured c) {
        requireConfigured(
                key + "chart-repository",
                p.getChartRepository(),
                "chart repository",
                c.chartRepositories().keySet());
        OciCharts oci = c.chartRepositories().get(p.getChartRepository());
        if (oci.registry() == null) {
            throw new InvalidInputException(key + "chart-repository names '" + p.getChartRepository()
                    + "', an HTTP Helm repository, which releasekit only reads (no write reaches it); protect the"
                    + " branch its charts are bumped on instead (" + key + "repository + " + key + "branch)");
        }
        if (p.getChart() == null || p.getChart().isBlank()) {
            throw new InvalidInputException(
                    key + "chart must name a chart or glob, e.g. sd-core (default ** for" + " every chart)");
        }
        String path = oci.namespace().isEmpty() ? p.getChart() : oci.namespace() + "/" + p.getChart();
        return new TargetPattern.ImageRepositories(oci.registry(), path);
    }

    private static void requireConfigured(String key, String value, String what, Collection<String> configured) {
        if (!configured.contains(value)) {
            throw new InvalidInputException(
                    key + " names '" + value + "', which is not a configured " + what + "; configured: " + configured);
        }
    }
}
