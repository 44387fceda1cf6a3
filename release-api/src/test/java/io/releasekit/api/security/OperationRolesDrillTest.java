package io.releasekit.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.core.service.ServiceGuards;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The authorization drill of issue 11: for every operation of the generated OpenAPI file, every kind of caller (no
 * token, a garbage token, each role) and every spelling of the path that a URL-pattern rule could miss (trailing slash,
 * doubled slashes, {@code %2e}/{@code %2f} encodings, {@code ;} parameters, upper case, a method-override header), no
 * request gets a 2xx that the role table ({@link RoleTable}, also in docs/security.md) does not allow.
 */
@MicronautTest
class OperationRolesDrillTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Caller label to token; {@code null} sends no Authorization header. */
    private static final Map<String, String> CALLERS = callers();

    /** Caller label to the role the table knows it by ({@code null}: no valid token). */
    private static final Map<String, String> ROLE_OF =
            Map.of("reader", "reader", "ci", "ci", "release-manager", "release-manager", "admin", "admin");

    /** Path variables: real names where the test application has them, so an allowed call reaches real objects. */
    private static final Map<String, String> VARIABLES =
            Map.of("service", "github", "kind", "artifacts.publish", "id", "run-unknown", "name", "demo");

    private static final Set<String> ADMIN_EXTRA = Set.of("reader", "ci", "release-manager");

    @Inject
    EmbeddedServer server;

    @Inject
    ServiceGuards guards;

    @Test
    void theRoleTableCoversEveryOperationOfTheOpenApiFile() {
        Set<RoleTable.Operation> generated = RoleTable.openApiOperations();

        assertThat(generated)
                .as("operations of the OpenAPI file missing from the role table:" + RoleTable.describe(generated))
                .containsExactlyInAnyOrderElementsOf(RoleTable.ALLOWED.keySet());
    }

    @Test
    void docsSecurityMdShowsTheRoleTableRowForRow() throws Exception {
        assertThat(RoleTable.rowsIn(Path.of("../docs/security.md")))
                .containsExactlyElementsOf(RoleTable.markdownRows());
    }

    @Test
    void noCallerReachesAnOperationTheRoleTableDoesNotGrantWhateverThePathSpelling() {
        guards.register("github");
        List<String> failures = new ArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        int variantsPerOperation = 0;
        for (RoleTable.Operation op : RoleTable.openApiOperations()) {
            String path = RoleTable.fill(op.path(), VARIABLES);
            List<Variant> variants = variants(op, path);
            variantsPerOperation = Math.max(variantsPerOperation, variants.size());
            for (Map.Entry<String, String> caller : CALLERS.entrySet()) {
                String role = ROLE_OF.get(caller.getKey());
                for (Variant v : variants) {
                    HttpResponse<String> r = send(v, caller.getValue());
                    requests.incrementAndGet();
                    check(op, v, caller.getKey(), role, r, failures);
                }
            }
        }
        System.out.printf(
                "authorization drill: %d operations x %d path/method variants x %d callers = %d requests%n",
                RoleTable.openApiOperations().size(), variantsPerOperation, CALLERS.size(), requests.get());

        assertThat(failures).as("requests answered against the role table").isEmpty();
        assertThat(requests.get()).isGreaterThan(2_000);
    }

    @Test
    void aCiTokenCannotOpenABreakerThroughATrailingSlash() {
        guards.register("github");
        guards.reset("github");
        for (String token : List.of(TestTokens.CI, TestTokens.RELEASE_MANAGER_1, TestTokens.READER)) {
            for (String suffix : List.of("/", "//", ";x=y", "/.", "%2f")) {
                HttpResponse<String> r =
                        send(new Variant("POST", "/api/v1/services/github/force-open" + suffix, null, "POST"), token);
                assertThat(r.statusCode() / 100)
                        .as(suffix + " -> " + r.statusCode())
                        .isNotEqualTo(2);
            }
        }
        assertThat(guards.status("github").state().name()).isEqualTo("CLOSED");
    }

    private void check(
            RoleTable.Operation op,
            Variant v,
            String caller,
            String role,
            HttpResponse<String> r,
            List<String> failures) {
        int status = r.statusCode();
        String what = caller + " " + v + " -> " + status;
        RoleTable.Operation reached = v.method().equals(op.method()) ? op : RoleTable.sameTemplate(v.method(), op);
        boolean allowed = reached != null && allowedFor(reached, caller, role);
        if (status >= 200 && status < 300 && !allowed) {
            failures.add("2xx not granted by the role table: " + what);
        }
        if (status >= 500) {
            failures.add("server error: " + what + " " + r.body());
        }
        if (v.canonical()) {
            boolean opAllowed = allowedFor(op, caller, role);
            if (!opAllowed && status != 401 && status != 403) {
                failures.add("expected 401/403 for a caller the table does not grant: " + what);
            }
            boolean challenged =
                    status == 401 && r.headers().firstValue("WWW-Authenticate").isPresent();
            if (opAllowed && (status == 403 || challenged)) {
                failures.add("the table grants this caller, the service refused it: " + what + " " + r.body());
            }
            if (status == 401 || status == 403) {
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("application/problem+json")) {
                    failures.add("refusal without problem+json: " + what + " " + type);
                }
            }
        }
    }

    private static boolean allowedFor(RoleTable.Operation op, String caller, String role) {
        if (RoleTable.allows(op, role)) {
            return true;
        }
        // the admin token holds every role
        return "admin".equals(caller) && ADMIN_EXTRA.stream().anyMatch(r -> RoleTable.allows(op, r));
    }

    /** One way of spelling a request for an operation. */
    record Variant(String method, String rawPath, String overrideHeader, String label) {
        boolean canonical() {
            return "canonical".equals(label);
        }

        @Override
        public String toString() {
            return method + " " + rawPath
                    + (overrideHeader == null ? "" : " [X-HTTP-Method-Override: " + overrideHeader + "]");
        }
    }

    static List<Variant> variants(RoleTable.Operation op, String path) {
        String m = op.method();
        int cut = path.lastIndexOf('/');
        String parent = path.substring(0, cut);
        String last = path.substring(cut + 1);
        List<Variant> v = new ArrayList<>();
        v.add(new Variant(m, path, null, "canonical"));
        v.add(new Variant(m, path + "/", null, "trailing slash"));
        v.add(new Variant(m, path + "//", null, "two trailing slashes"));
        v.add(new Variant(m, path.replaceFirst("^/api/v1/", "/api/v1//"), null, "doubled slash"));
        v.add(new Variant(m, "/" + path, null, "leading doubled slash"));
        v.add(new Variant(m, parent + "/./" + last, null, "dot segment"));
        v.add(new Variant(m, parent + "/%2e/" + last, null, "%2e segment"));
        v.add(new Variant(m, parent + "/x/%2e%2e/" + last, null, "%2e%2e segment"));
        v.add(new Variant(m, parent + "%2f" + last, null, "%2f separator"));
        v.add(new Variant(m, parent + "%2F" + last, null, "%2F separator"));
        v.add(new Variant(m, path + ";x=y", null, "; parameter at the end"));
        v.add(new Variant(m, path.replaceFirst("^/api/v1/", "/api/v1;x=y/"), null, "; parameter inside"));
        v.add(new Variant(m, path.toUpperCase(Locale.ROOT), null, "upper case"));
        v.add(new Variant(m, parent + "/" + last.toUpperCase(Locale.ROOT), null, "upper-case last segment"));
        v.add(new Variant(m, path + "%20", null, "encoded space"));
        String other = "GET".equals(m) ? "POST" : "GET";
        v.add(new Variant(other, path, m, "X-HTTP-Method-Override"));
        v.add(new Variant("POST", path, "GET".equals(m) ? "DELETE" : m, "override to a write"));
        return v;
    }

    private HttpResponse<String> send(Variant v, String token) {
        URI uri = URI.create("http://127.0.0.1:" + server.getPort() + v.rawPath());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (v.overrideHeader() != null) {
            b.header("X-HTTP-Method-Override", v.overrideHeader())
                    .header("X-HTTP-Method", v.overrideHeader())
                    .header("X-Method-Override", v.overrideHeader());
        }
        if ("GET".equals(v.method()) || "DELETE".equals(v.method())) {
            b.method(v.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(v.method(), HttpRequest.BodyPublishers.ofString("{}"));
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(v + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> callers() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("no token", null);
        c.put("garbage token", "rk_garbage_" + "x".repeat(40));
        c.put("reader", TestTokens.READER);
        c.put("ci", TestTokens.CI);
        c.put("release-manager", TestTokens.RELEASE_MANAGER_1);
        c.put("admin", TestTokens.ADMIN);
        return c;
    }
}
