package io.releasekit.notify;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.deploy.DeploymentStatus;
import io.releasekit.core.deploy.StatusSnapshot;
import io.releasekit.core.redact.Redactor;
import io.releasekit.core.redact.Secret;
import io.releasekit.core.service.ServiceNames;
import io.releasekit.notify.internal.HttpCall;
import io.releasekit.notify.internal.HttpChannel;
import io.releasekit.notify.internal.HttpErrors;
import io.releasekit.notify.internal.HttpReply;
import io.releasekit.notify.internal.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link DeploymentStatus} over HTTP: {@code GET} of a JSON status document ({@code https://prod.packit.dev/api/system})
 * with the JDK HTTP client, each component's value picked by its JSON pointer (RFC 6901) with Jackson. A string value
 * is taken as it is, a number or boolean as its JSON text; a missing value, {@code null}, an object or an array is
 * "nothing reported".
 *
 * <pre>{@code
 * DeploymentStatus prod = HttpDeploymentStatus.builder("prod").url("https://prod.packit.dev/api/system")
 *         .component("packit-service", "/packit_service/commit").component("packit", "/packit/commit").build();
 * }</pre>
 *
 * <p>Errors: 5xx, 429, a connection failure, a time-out, or a 2xx answer that is not a JSON object (a maintenance
 * page) are a retryable {@link ServiceUnavailableException} for {@code deployment:<name>}; 401/403 and other 4xx
 * refuse the configuration, 404 is a {@link io.releasekit.core.NotFoundException}. A token, when configured, is sent as
 * {@code Authorization: Bearer} and never shown.
 */
public final class HttpDeploymentStatus implements DeploymentStatus {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final String name;
    private final URI url;
    private final Secret token;
    private final Map<String, String> components;
    private final Map<String, JsonPointer> pointers;
    private final HttpChannel http;
    private final HttpErrors errors;

    private HttpDeploymentStatus(Builder b) {
        if (b.name == null || !NAME.matcher(b.name).matches()) {
            throw new InvalidInputException("deployment name '" + b.name
                    + "' is refused: 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        this.name = b.name;
        this.url = Urls.require(b.url, "url of deployment '" + name + "'", false, b.allowHttp);
        this.token = b.token == null ? null : Secret.of(b.token, "token of deployment '" + name + "'");
        if (b.components.isEmpty()) {
            throw new InvalidInputException("deployment '" + name + "' names no component: give each component the"
                    + " JSON pointer of its version or commit, e.g. packit-service: /packit_service/commit");
        }
        this.components = Collections.unmodifiableMap(new LinkedHashMap<>(b.components));
        Map<String, JsonPointer> p = new LinkedHashMap<>();
        b.components.forEach((component, pointer) -> p.put(component, pointer(component, pointer)));
        this.pointers = p;
        Redactor redactor = token == null ? Redactor.none() : Redactor.of(token);
        this.http = new HttpChannel(
                service(), URI.create(url.getScheme() + "://" + url.getRawAuthority()), b.timeout, redactor);
        this.errors = HttpErrors.standard(service(), redactor);
    }

    /** Starts a builder for the deployment with this configured name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String location() {
        return Redactor.safeUrl(url);
    }

    /** {@code deployment:<name>}: each deployment has its own breaker. */
    @Override
    public String service() {
        return ServiceNames.deployment(name);
    }

    @Override
    public Map<String, String> components() {
        return components;
    }

    @Override
    public StatusSnapshot read() {
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        HttpCall call = HttpCall.get(path.isEmpty() ? "/" : path).header("Accept", HttpCall.JSON);
        if (token != null) {
            call.bearerAuth(token.reveal());
        }
        HttpReply reply = http.send(call, where());
        if (!reply.ok()) {
            throw errors.translate(reply, where());
        }
        JsonNode doc = parse(reply);
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        pointers.forEach((component, pointer) -> values.put(component, value(doc.at(pointer))));
        return new StatusSnapshot(name, values);
    }

    private JsonNode parse(HttpReply reply) {
        try {
            JsonNode doc = MAPPER.readTree(reply.body());
            if (doc != null && doc.isObject()) {
                return doc;
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // reported below, with what came instead
        }
        throw new ServiceUnavailableException(
                service(), where() + " answered HTTP " + reply.status() + " without a JSON object: " + reply.excerpt());
    }

    private static Optional<String> value(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.isContainerNode()) {
            return Optional.empty();
        }
        return Optional.of(n.isTextual() ? n.asText() : n.toString());
    }

    private JsonPointer pointer(String component, String pointer) {
        try {
            if (pointer == null || pointer.isEmpty() || !pointer.startsWith("/")) {
                throw new IllegalArgumentException("it must start with '/'");
            }
            return JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("JSON pointer '" + pointer + "' of component '" + component
                    + "' of deployment '" + name + "' is not valid: " + e.getMessage());
        }
    }

    private String where() {
        return "status of deployment '" + name + "' (" + location() + ")";
    }

    @Override
    public String toString() {
        return "HttpDeploymentStatus[" + name + ", " + location() + "]";
    }

    /** Builds an {@link HttpDeploymentStatus}. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> components = new LinkedHashMap<>();
        private String url;
        private String token;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean allowHttp;

        private Builder(String name) {
            this.name = name;
        }

        /** The status document's URL; required ({@code https}, or {@code http} to a loopback host). */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** A component and the JSON pointer of its version or commit ({@code /packit_service/commit}). */
        public Builder component(String component, String jsonPointer) {
            new io.releasekit.core.deploy.ComponentExpectation(component, Optional.empty()); // checks the name
            components.put(component, jsonPointer);
            return this;
        }

        /** Every component with its JSON pointer. */
        public Builder components(Map<String, String> value) {
            value.forEach(this::component);
            return this;
        }

        /** A bearer token the endpoint requires; none by default. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The connect and read time limit of one read; default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Allows a plain {@code http} URL to a non-loopback host (never in production). */
        public Builder allowHttp(boolean allowHttp) {
            this.allowHttp = allowHttp;
            return this;
        }

        /**
         * Builds the endpoint and its HTTP client.
         *
         * @throws InvalidInputException naming the missing or bad setting
         */
        public HttpDeploymentStatus build() {
            return new HttpDeploymentStatus(this);
        }
    }
}
