package io.releasekit.api.webhook;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.env.Environment;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 *         - event: dependabot_alert   # a high or critical Dependabot alert: the hotfix release
 *           repository: operators
 *           min-severity: high
 *           kind: train.release
 *           params: { repository: operators, target: main, message: "Hotfix {tag} for {ghsa} ({severity})" }
 * </pre>
 *
 * <p>Security alerts ({@code dependabot_alert}, {@code code_scanning_alert}) offer {@code {severity}}, {@code
 * {alert}}, {@code {url}}, {@code {package}}, {@code {ghsa}}, {@code {rule}}, {@code {ref}} and {@code {sha}}; see
 * {@link SecurityAlerts}.
 */
@EachProperty(value = "releasekit.github.webhook.triggers", list = true)
public class WebhookTriggerProperties {

    private final int index;
    private String event;
    private String repository;
    private String branch;
    private String action = "published";
    private List<String> actions = new ArrayList<>();
    private String minSeverity = "high";
    private String kind;
    private Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Object> listedParams;

    /**
     * A trigger at {@code index} of the list. Its parameters are read here as one map, because a map inside a list
     * element of a YAML file (the way the docs show triggers) is not bound through {@link #setParams}; flat keys
     * ({@code …triggers[0].params.repository}) still are.
     */
    public WebhookTriggerProperties(@Parameter Integer index, Environment environment) {
        this.index = index == null ? 0 : index;
        Map<String, Object> listed = new LinkedHashMap<>();
        environment
                .getProperty("releasekit.github.webhook.triggers[" + this.index + "].params", Map.class)
                .ifPresent(m -> m.forEach((k, v) -> listed.put(String.valueOf(k), v)));
        this.listedParams = listed;
    }

    /** The trigger's position in the list; part of the idempotency key of the runs it starts. */
    public int getIndex() {
        return index;
    }

    /** {@code push}, {@code release}, {@code dependabot_alert} or {@code code_scanning_alert}. */
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

    /**
     * For {@code dependabot_alert} and {@code code_scanning_alert}: the actions that start the run. Default: the alert
     * is (again) open — {@code created}, {@code reopened}, {@code reintroduced}, {@code auto_reopened} (Dependabot);
     * {@code created}, {@code reopened}, {@code reopened_by_user} (code scanning).
     */
    public List<String> getActions() {
        return actions;
    }

    public void setActions(List<String> actions) {
        this.actions = actions == null ? new ArrayList<>() : new ArrayList<>(actions);
    }

    /**
     * For security alerts: the lowest severity that starts the run, {@code low}, {@code medium}, {@code high} (default:
     * high and critical) or {@code critical}.
     */
    public String getMinSeverity() {
        return minSeverity;
    }

    public void setMinSeverity(String minSeverity) {
        this.minSeverity = minSeverity;
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
        // flat keys are bound by the setter with their keys as written; the environment's map of the same keys has
        // them normalized (stagePrefix -> stage-prefix), so it only stands in when the setter bound nothing
        return params.isEmpty() ? listedParams : params;
    }

    public void setParams(@MapFormat(keyFormat = StringConvention.RAW) Map<String, Object> params) {
        this.params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
    }
}
