package io.releasekit.api.protect;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.List;

/**
 * One protected target, {@code releasekit.protection.rules.<name>.*}: a store location ({@code store} + {@code
 * prefix}), branches or tags of a repository ({@code repository} + {@code branch} or {@code tag}, names or globs),
 * image repositories of a registry ({@code registry} + {@code image-repository}, a path or glob), releases of a GitHub
 * repository ({@code github-repository} + {@code release-tag}, a tag or glob, default every release), or chat channels
 * ({@code channel}, a name or glob), or charts of an OCI chart repository ({@code chart-repository} + {@code chart}, a
 * chart name or glob, default every chart: its versions are tags of {@code <namespace>/<chart>} in the repository's
 * image registry, protected there); the operations that need approval, and how many approvals by which role.
 *
 * <pre>{@code
 * releasekit:
 *   protection:
 *     rules:
 *       releases:
 *         store: releases
 *         prefix: ""
 *         operations: [write]
 *         approvals: 2
 *       stable:
 *         repository: app
 *         branch: stable
 *         operations: [force-move, force-push]
 *         approvals: 1
 *         requester-may-approve: true
 *       packit-images:
 *         registry: quay
 *         image-repository: packit/**
 *         operations: [delete]
 *         approvals: 1
 *       cfn-releases:
 *         github-repository: cfn
 *         release-tag: "release-*"
 *         operations: [publish, delete]
 *         approvals: 1
 *       announcements:
 *         channel: community-mastodon
 *         operations: [post]
 *         approvals: 1
 * }</pre>
 */
@EachProperty("releasekit.protection.rules")
public class ProtectionRuleProperties {

    private final String name;
    private String store;
    private String prefix = "";
    private String repository;
    private String branch;
    private String tag;
    private String registry;
    private String imageRepository;
    private String githubRepository;
    private String releaseTag = "**";
    private String channel;
    private String chartRepository;
    private String chart = "**";
    private List<String> operations = List.of();
    private int approvals = 1;
    private String role = "release-manager";
    private boolean requesterMayApprove;

    /** Properties of the rule configured under {@code name}. */
    public ProtectionRuleProperties(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getRegistry() {
        return registry;
    }

    public void setRegistry(String registry) {
        this.registry = registry;
    }

    public String getImageRepository() {
        return imageRepository;
    }

    public void setImageRepository(String imageRepository) {
        this.imageRepository = imageRepository;
    }

    public String getGithubRepository() {
        return githubRepository;
    }

    public void setGithubRepository(String githubRepository) {
        this.githubRepository = githubRepository;
    }

    public String getReleaseTag() {
        return releaseTag;
    }

    public void setReleaseTag(String releaseTag) {
        this.releaseTag = releaseTag;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getChartRepository() {
        return chartRepository;
    }

    public void setChartRepository(String chartRepository) {
        this.chartRepository = chartRepository;
    }

    public String getChart() {
        return chart;
    }

    public void setChart(String chart) {
        this.chart = chart;
    }

    public List<String> getOperations() {
        return operations;
    }

    public void setOperations(List<String> operations) {
        this.operations = operations;
    }

    public int getApprovals() {
        return approvals;
    }

    public void setApprovals(int approvals) {
        this.approvals = approvals;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public boolean isRequesterMayApprove() {
        return requesterMayApprove;
    }

    public void setRequesterMayApprove(boolean requesterMayApprove) {
        this.requesterMayApprove = requesterMayApprove;
    }
}
