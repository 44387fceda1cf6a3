package io.releasekit.api.webhook;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code releasekit.github.webhook.triggers[*]}: which deliveries start which run. In string parameter values,
 * {@code {tag}}, {@code {sha}}, {@code {branch}}, {@code {repository}}, {@code {delivery}} and {@code {sender}} are
 * replaced by the delivery's values.
 *
 * <pre>
 * releasekit:
 *   github:
 *     webhook:
 *       triggers:
 *         - event: release            # a release of cfn-registry was published
 *           repository: cfn-registry
 *           action: published
 *           kind: github.release-to-stage
 *           params: { repository: cfn-registry, tag: "{tag}", store: beta, prefix: awscommunity }
 *         - event: push               # a push to main
 *           repository: cfn-registry
 *           branch: main
 *           kind: github.wait-checks
 *           params: { repository: cfn-registry, ref: "{sha}" }
 * </pre>
 */
@EachProperty(value = "releasekit.github.webhook.triggers", list = true)
public class WebhookTriggerProperties {

    private final int index;
    private String event;
    private String repository;
    private String branch;
    private String action = "published";
    private String kind;
    private Map<String, Object> params = new LinkedHashMap<>();

    public WebhookTriggerProperties(@Parameter Integer index) {
        this.index = index == null ? 0 : index;
    }

    /** The trigger's position in the list; part of the idempotency key of the runs it starts. */
    public int getIndex() {
        return index;
    }

    /** {@code push} or {@code release}. */
    public String getEvent() {
        return event;
    }

    public void setEvent(String event) {
        this.event = event;
    }

    /** The configured repository (see {@code releasekit.github.repositories}) the delivery must come from. */
    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    /** For push: the branch pushed to. */
    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    /** For release: the action ({@code published} by default). */
    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    /** The run kind to start. */
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    /** The run's parameters, with placeholders. */
    public Map<String, Object> getParams() {
        return params;
    }

    public void setParams(@MapFormat(keyFormat = StringConvention.RAW) Map<String, Object> params) {
        this.params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
    }
}
