package io.releasekit.api.webhook;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.releasekit.api.github.GitHubRepositoryProperties;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.scm.RefNames;
import io.releasekit.github.GitHubWebhookSignature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a GitHub webhook delivery (seed 001: a push to main, a published release): checks the size, verifies the
 * HMAC signature over the raw body, ignores a delivery id seen before, and starts the run of every configured trigger
 * the delivery matches. Nothing is started for a delivery that fails any check. Created at startup, so that a
 * misconfigured trigger stops the application with a message naming it; the delivery log, the run launcher and the
 * process definitions are looked up only when a delivery arrives.
 */
@Context
public class WebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final Pattern EVENT = Pattern.compile("[a-z_]{1,64}");

    private final WebhookProperties properties;
    private final List<WebhookTriggerProperties> triggers;
    private final Map<String, GitHubRepositoryProperties> repositories = new LinkedHashMap<>();
    private final BeanProvider<DeliveryLog> deliveries;
    private final BeanProvider<RunLauncher> launcher;
    private final JsonMapper json;
    private final BeanProvider<ProcessDefinition> processes;

    WebhookReceiver(
            WebhookProperties properties,
            List<WebhookTriggerProperties> triggers,
            List<GitHubRepositoryProperties> repositories,
            BeanProvider<DeliveryLog> deliveries,
            BeanProvider<RunLauncher> launcher,
            JsonMapper json,
            BeanProvider<ProcessDefinition> processes) {
        this.properties = properties;
        this.triggers = triggers.stream()
                .sorted(java.util.Comparator.comparingInt(WebhookTriggerProperties::getIndex))
                .toList();
        repositories.forEach(r -> this.repositories.put(r.getName(), r));
        this.deliveries = deliveries;
        this.launcher = launcher;
        this.json = json;
        this.processes = processes;
        this.triggers.forEach(this::check);
    }

    private void check(WebhookTriggerProperties t) {
        String where = "releasekit.github.webhook.triggers[" + t.getIndex() + "]";
        if (!"push".equals(t.getEvent()) && !"release".equals(t.getEvent()) && !SecurityAlerts.isAlert(t.getEvent())) {
            throw new ConfigurationException(where + ".event must be push, release, dependabot_alert or"
                    + " code_scanning_alert, was '" + t.getEvent() + "'");
        }
        if (SecurityAlerts.isAlert(t.getEvent()) && SecurityAlerts.rank(t.getMinSeverity()) < 0) {
            throw new ConfigurationException(where + ".min-severity must be one of " + SecurityAlerts.SEVERITIES
                    + ", was '" + t.getMinSeverity() + "'");
        }
        if (!repositories.containsKey(t.getRepository())) {
            throw new ConfigurationException(where + ".repository '" + t.getRepository()
                    + "' is not configured under releasekit.github.repositories; configured: " + repositories.keySet());
        }
        if (t.getKind() == null || t.getKind().isBlank()) {
            throw new ConfigurationException(where + ".kind is missing (e.g. github.release-to-stage)");
        }
        if ("push".equals(t.getEvent()) && (t.getBranch() == null || !RefNames.isValidBranchName(t.getBranch()))) {
            throw new ConfigurationException(
                    where + ".branch must name the branch pushed to, was '" + t.getBranch() + "'");
        }
    }

    /**
     * Handles one delivery.
     *
     * @throws WebhookRejectedException when the body is too large, the signature does not verify, or GitHub's
     *     headers are missing
     */
    public WebhookResult receive(byte[] body, String event, String delivery, String signature256, String signature1) {
        if (body.length > properties.getMaxBodyBytes()) {
            throw WebhookRejectedException.tooLarge("the body has " + body.length + " bytes; at most "
                    + properties.getMaxBodyBytes() + " are accepted (releasekit.github.webhook.max-body-bytes)");
        }
        GitHubWebhookSignature.Verification v = GitHubWebhookSignature.verify(
                body, signature256, signature1, GitHubWebhookSignature.secret(properties.getSecret()));
        if (!v.valid()) {
            throw WebhookRejectedException.unauthorized(v.reason());
        }
        if (event == null || !EVENT.matcher(event).matches()) {
            throw WebhookRejectedException.badRequest("the X-GitHub-Event header is missing or malformed");
        }
        if (delivery == null || !DELIVERY.matcher(delivery).matches()) {
            throw WebhookRejectedException.badRequest("the X-GitHub-Delivery header is missing or malformed");
        }
        boolean firstTime = deliveries.get().reserve(delivery);
        try {
            return dispatch(body, event, delivery, firstTime);
        } catch (RuntimeException e) {
            if (firstTime) {
                deliveries.get().release(delivery); // GitHub's redelivery (same id) must be accepted
            }
            throw e;
        }
    }

    /**
     * Starts the runs of the triggers a delivery matches. A delivery seen before ({@code firstTime} false) starts only
     * what failed before (see {@link RunLauncher}), and is a duplicate when nothing failed.
     */
    private WebhookResult dispatch(byte[] body, String event, String delivery, boolean firstTime) {
        boolean acts = event.equals("push") || event.equals("release") || SecurityAlerts.isAlert(event);
        if (!firstTime && !acts) {
            LOG.info("webhook delivery {} ({}) seen before; ignored", delivery, event);
            return WebhookResult.duplicate(delivery, event);
        }
        if (event.equals("ping")) {
            return WebhookResult.pong(delivery);
        }
        if (!acts) {
            return WebhookResult.ignored(
                    delivery,
                    event,
                    "releasekit acts on push, release, dependabot_alert and code_scanning_alert events only");
        }
        JsonNode payload = parse(body);
        String fullName = text(payload.get("repository"), "full_name");
        String sender = text(payload.get("sender"), "login");
        List<String> runs = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        for (WebhookTriggerProperties t : triggers) {
            Optional<Map<String, String>> values = match(t, event, payload, fullName);
            if (values.isEmpty()) {
                continue;
            }
            Map<String, String> v = new LinkedHashMap<>(values.get());
            v.put("repository", t.getRepository());
            v.put("delivery", delivery);
            v.put("sender", sender);
            RunLauncher.Launch launch = launcher()
                    .launch(
                            t.getKind(),
                            coerce(substitute(t.getParams(), v), spec(t.getKind())),
                            "github-webhook:" + (sender.isEmpty() ? "unknown" : sender),
                            "github-delivery:" + delivery + ":" + t.getIndex());
            if (firstTime || launch.started()) {
                runs.add(launch.runId());
                matched.add(t.getKind());
                LOG.info(
                        "webhook delivery {} ({} of {}) started {} run {}{}",
                        delivery,
                        event,
                        fullName,
                        t.getKind(),
                        launch.runId(),
                        firstTime ? "" : " again: its earlier run failed or was cancelled");
            }
        }
        if (!firstTime && runs.isEmpty()) {
            LOG.info("webhook delivery {} ({}) seen before and its runs did not fail; ignored", delivery, event);
            return WebhookResult.duplicate(delivery, event);
        }
        if (runs.isEmpty()) {
            return WebhookResult.ignored(delivery, event, "no trigger matches this " + event + " of " + fullName);
        }
        return WebhookResult.started(
                delivery,
                event,
                runs,
                (firstTime ? "started " : "redelivered: started again ") + String.join(", ", matched));
    }

    private Optional<Map<String, String>> match(
            WebhookTriggerProperties t, String event, JsonNode payload, String fullName) {
        GitHubRepositoryProperties repo = repositories.get(t.getRepository());
        if (!event.equals(t.getEvent())
                || repo == null
                || !(repo.getOwner() + "/" + repo.getRepo()).equalsIgnoreCase(fullName)) {
            return Optional.empty();
        }
        if (SecurityAlerts.isAlert(event)) {
            return SecurityAlerts.match(t, event, payload);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (event.equals("push")) {
            String ref = text(payload, "ref");
            boolean deleted =
                    payload.get("deleted") != null && payload.get("deleted").getBooleanValue();
            if (deleted || t.getBranch() == null || !ref.equals("refs/heads/" + t.getBranch())) {
                return Optional.empty();
            }
            values.put("branch", t.getBranch());
            values.put("sha", text(payload, "after"));
            return Optional.of(values);
        }
        JsonNode release = payload.get("release");
        if (!text(payload, "action").equals(t.getAction()) || release == null) {
            return Optional.empty();
        }
        values.put("tag", text(release, "tag_name"));
        values.put("target", text(release, "target_commitish"));
        return Optional.of(values);
    }

    private ParameterSpec spec(String kind) {
        for (ProcessDefinition d : processes) {
            if (d.kind().equals(kind)) {
                return d.parameters();
            }
        }
        return null;
    }

    private RunLauncher launcher() {
        if (!launcher.isPresent()) {
            throw new ServiceUnavailableException(
                    "runs", "no run launcher is configured; the delivery was not handled and may be redelivered");
        }
        return launcher.get();
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode n = json.readValue(body, Argument.of(JsonNode.class));
            if (n == null || !n.isObject()) {
                throw WebhookRejectedException.badRequest("the body is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON: " + e.getMessage());
        }
    }

    static Map<String, Object> substitute(Map<String, Object> params, Map<String, String> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v instanceof String s) {
                out.put(k, fill(s, values));
            } else if (v instanceof List<?> l) {
                out.put(
                        k,
                        l.stream()
                                .map(x -> x instanceof String s ? fill(s, values) : x)
                                .toList());
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Gives configured values the types the run kind declares: configuration from properties or the environment
     * arrives as text ({@code "false"}, {@code "600"}, {@code "a,b"}).
     */
    static Map<String, Object> coerce(Map<String, Object> params, ParameterSpec spec) {
        if (spec == null) {
            return params;
        }
        Map<String, Object> out = new LinkedHashMap<>(params);
        for (ParameterSpec.Param p : spec.params()) {
            if (!(out.get(p.name()) instanceof String s)) {
                continue;
            }
            String v = s.strip();
            switch (p.type()) {
                case BOOLEAN -> {
                    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                        out.put(p.name(), Boolean.parseBoolean(v));
                    }
                }
                case INTEGER -> {
                    if (v.matches("-?\\d{1,18}")) {
                        out.put(p.name(), Long.parseLong(v));
                    }
                }
                case STRING_LIST ->
                    out.put(
                            p.name(),
                            Arrays.stream(v.split(","))
                                    .map(String::strip)
                                    .filter(x -> !x.isEmpty())
                                    .toList());
                default -> {}
            }
        }
        return out;
    }

    private static String fill(String s, Map<String, String> values) {
        String out = s;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return "";
        }
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.getStringValue() : "";
    }
}
