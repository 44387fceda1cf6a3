package io.releasekit.api.logging;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * At startup, hands every secret value of the configuration to {@link Redaction}: tokens, secrets and passwords
 * (GitHub token, webhook secrets, channel tokens, git remote passwords, AWS secret keys and session tokens, the
 * database password, the JWT secret) and chat channel URLs (a Slack or generic webhook URL is its own secret). Log
 * lines and problem details then mask them even when they have no recognisable shape.
 */
@Context
public class ConfiguredSecrets {

    private static final Set<String> SECRET_KEYS = Set.of(
            "token",
            "secret",
            "password",
            "remotepassword",
            "secretaccesskey",
            "sessiontoken",
            "externalid",
            "webhookurl",
            "clientsecret");

    private final List<String> found;

    ConfiguredSecrets(Environment environment) {
        List<String> values = new ArrayList<>();
        for (PropertySource source : environment.getPropertySources()) {
            for (String key : source) {
                collect(environment, key, source.get(key), values);
            }
        }
        this.found = List.copyOf(values);
        Redaction.addSecrets(values);
    }

    /** Stops masking this application's secrets when it stops (another application in the JVM may configure others). */
    @PreDestroy
    void forget() {
        Redaction.removeSecrets(found);
    }

    /** How many secret values were found (for tests and the startup log). */
    public int count() {
        return found.size();
    }

    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (!k.startsWith("releasekit.") && !k.startsWith("datasources.") && !k.startsWith("micronaut.security.")) {
            return false;
        }
        String last = k.substring(k.lastIndexOf('.') + 1).replace("-", "").replace("_", "");
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            last = last.substring(0, bracket);
        }
        return SECRET_KEYS.contains(last) || (k.startsWith("releasekit.channels.") && last.equals("url"));
    }

    private static void collect(Environment env, String key, Object value, List<String> out) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collect(env, key + "." + k, v, out));
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collect(env, key + "[" + i + "]", l.get(i), out);
            }
        } else if (value instanceof CharSequence s && isSecretKey(key)) {
            // the resolved value (placeholders such as ${GITHUB_TOKEN} filled in), else the text as written
            out.add(env.getProperty(key, String.class).orElse(s.toString()));
        }
    }
}
