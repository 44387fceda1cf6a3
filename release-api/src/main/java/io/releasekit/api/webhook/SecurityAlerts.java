package io.releasekit.api.webhook;

import io.micronaut.json.tree.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's security alert events as triggers (seed 002: "security/hotfix release if dependabot or other security alert,
 * e.g. SAST 'high' or 'critical' severity"): {@code dependabot_alert} and {@code code_scanning_alert}, matched by
 * action and by a severity threshold. The severity read:
 *
 * <ul>
 *   <li>{@code dependabot_alert}: {@code alert.security_advisory.severity}, else {@code
 *       alert.security_vulnerability.severity} ({@code low}, {@code medium} (or {@code moderate}), {@code high},
 *       {@code critical});
 *   <li>{@code code_scanning_alert}: {@code alert.rule.security_severity_level} (the same scale) for security rules;
 *       else {@code alert.rule.severity}, where {@code error} counts as high, {@code warning} as medium and {@code
 *       note} as low.
 * </ul>
 *
 * Values a matching trigger may use in its parameters: {@code {severity}}, {@code {alert}} (the alert number), {@code
 * {url}} (its html_url), {@code {package}} and {@code {ghsa}} (Dependabot), {@code {rule}}, {@code {ref}} and {@code
 * {sha}} (code scanning).
 */
final class SecurityAlerts {

    /** The Dependabot alert event. */
    static final String DEPENDABOT = "dependabot_alert";

    /** The code scanning alert event. */
    static final String CODE_SCANNING = "code_scanning_alert";

    /** Severities from lowest to highest. */
    static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    /** The actions that start a trigger when it names none: an alert that is (again) open. */
    static final Map<String, List<String>> DEFAULT_ACTIONS = Map.of(
            DEPENDABOT, List.of("created", "reopened", "reintroduced", "auto_reopened"),
            CODE_SCANNING, List.of("created", "reopened", "reopened_by_user"));

    private SecurityAlerts() {}

    /** Whether an event is a security alert event. */
    static boolean isAlert(String event) {
        return DEPENDABOT.equals(event) || CODE_SCANNING.equals(event);
    }

    /** The rank of a configured severity (0 = low … 3 = critical), or -1 when it is none of them. */
    static int rank(String severity) {
        return severity == null ? -1 : SEVERITIES.indexOf(severity.toLowerCase(Locale.ROOT));
    }

    /**
     * The values of an alert delivery when it matches a trigger's actions and reaches its severity threshold; empty
     * otherwise.
     */
    static Optional<Map<String, String>> match(WebhookTriggerProperties t, String event, JsonNode payload) {
        JsonNode alert = payload.get("alert");
        String action = text(payload, "action");
        List<String> actions = t.getActions().isEmpty() ? DEFAULT_ACTIONS.get(event) : t.getActions();
        if (alert == null || !alert.isObject() || !actions.contains(action)) {
            return Optional.empty();
        }
        String severity = event.equals(DEPENDABOT) ? dependabotSeverity(alert) : codeScanningSeverity(alert);
        if (rank(severity) < rank(t.getMinSeverity())) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("severity", severity);
        values.put("alert", number(alert));
        values.put("url", text(alert, "html_url"));
        if (event.equals(DEPENDABOT)) {
            JsonNode dependency = alert.get("dependency");
            values.put("package", text(dependency == null ? null : dependency.get("package"), "name"));
            values.put("ghsa", text(alert.get("security_advisory"), "ghsa_id"));
        } else {
            values.put("rule", text(alert.get("rule"), "id"));
            values.put("ref", text(payload, "ref"));
            values.put("sha", text(payload, "commit_oid"));
        }
        return Optional.of(values);
    }

    private static String dependabotSeverity(JsonNode alert) {
        String s = normal(text(alert.get("security_advisory"), "severity"));
        return !s.isEmpty() ? s : normal(text(alert.get("security_vulnerability"), "severity"));
    }

    private static String codeScanningSeverity(JsonNode alert) {
        JsonNode rule = alert.get("rule");
        String level = normal(text(rule, "security_severity_level"));
        if (!level.isEmpty()) {
            return level;
        }
        return switch (text(rule, "severity").toLowerCase(Locale.ROOT)) {
            case "error" -> "high";
            case "warning" -> "medium";
            case "note" -> "low";
            default -> "";
        };
    }

    private static String normal(String severity) {
        String s = severity.toLowerCase(Locale.ROOT);
        return s.equals("moderate") ? "medium" : s;
    }

    private static String number(JsonNode alert) {
        JsonNode n = alert.get("number");
        return n != null && n.isNumber() ? String.valueOf(n.getLongValue()) : "";
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return "";
        }
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.getStringValue() : "";
    }
}
