package io.releasekit.api.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Who may call each REST operation: the data the authorization drill checks the running service against, and the
 * table docs/security.md must show row for row ({@link #markdownRows()}).
 */
final class RoleTable {

    static final String ANONYMOUS = "anonymous";

    private static final List<String> READERS = List.of("reader", "ci", "release-manager", "admin");
    private static final List<String> WRITERS = List.of("ci", "release-manager", "admin");
    private static final List<String> APPROVERS = List.of("release-manager", "admin");
    private static final List<String> ADMINS = List.of("admin");

    /** One operation of the OpenAPI file. */
    record Operation(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Operation to the roles that may call it; {@link #ANONYMOUS} for operations that take no token. */
    static final Map<Operation, List<String>> ALLOWED = table();

    private RoleTable() {}

    private static Map<Operation, List<String>> table() {
        Map<Operation, List<String>> t = new LinkedHashMap<>();
        put(t, "POST /api/v1/artifacts/gates", WRITERS);
        put(t, "GET /api/v1/artifacts/gates/{build}", READERS);
        put(t, "GET /api/v1/artifacts/pipelines", READERS);
        put(t, "POST /api/v1/artifacts/verify", READERS);
        put(t, "GET /api/v1/channels", READERS);
        put(t, "GET /api/v1/channels/{name}/topic", READERS);
        put(t, "PUT /api/v1/channels/{name}/topic", WRITERS);
        put(t, "GET /api/v1/checks/chart", READERS);
        put(t, "GET /api/v1/checks/dockerfile", READERS);
        put(t, "POST /api/v1/github/blog-post", WRITERS);
        put(t, "GET /api/v1/github/repositories", READERS);
        put(t, "GET /api/v1/github/repositories/{name}/checks", READERS);
        put(t, "GET /api/v1/github/repositories/{name}/next-release", READERS);
        put(t, "POST /api/v1/github/repositories/{name}/release-notes", WRITERS);
        put(t, "POST /api/v1/github/repositories/{name}/releases", WRITERS);
        put(t, "GET /api/v1/github/repositories/{name}/releases/{tag}", READERS);
        put(t, "DELETE /api/v1/github/repositories/{name}/releases/{tag}", WRITERS);
        put(t, "GET /api/v1/github/repositories/{name}/releases/{tag}/assets", READERS);
        put(t, "PUT /api/v1/github/repositories/{name}/releases/{tag}/notes", WRITERS);
        put(t, "POST /api/v1/github/repositories/{name}/releases/{tag}/publish", WRITERS);
        put(t, "GET /api/v1/me", READERS);
        put(t, "POST /api/v1/notifications", WRITERS);
        put(t, "GET /api/v1/registries", READERS);
        put(t, "GET /api/v1/registries/{name}/digest", READERS);
        put(t, "GET /api/v1/repositories", READERS);
        put(t, "POST /api/v1/repositories/{name}/branches", WRITERS);
        put(t, "POST /api/v1/repositories/{name}/branches/lazy", WRITERS);
        put(t, "POST /api/v1/repositories/{name}/branches/move", WRITERS);
        put(t, "POST /api/v1/repositories/{name}/branches/sync", WRITERS);
        put(t, "POST /api/v1/repositories/{name}/cherry-picks", WRITERS);
        put(t, "POST /api/v1/repositories/{name}/fetch", WRITERS);
        put(t, "POST /api/v1/repositories/{name}/push", WRITERS);
        put(t, "GET /api/v1/repositories/{name}/resolve", READERS);
        put(t, "GET /api/v1/repositories/{name}/tags", READERS);
        put(t, "POST /api/v1/repositories/{name}/tags", WRITERS);
        put(t, "GET /api/v1/repositories/{name}/version", READERS);
        put(t, "POST /api/v1/repositories/{name}/version", WRITERS);
        put(t, "GET /api/v1/repositories/{name}/version-commit", READERS);
        put(t, "GET /api/v1/run-kinds", READERS);
        put(t, "GET /api/v1/run-kinds/{kind}", READERS);
        put(t, "GET /api/v1/run-kinds/{kind}/preflight", READERS);
        put(t, "POST /api/v1/run-kinds/{kind}/preflight", READERS);
        put(t, "GET /api/v1/runs", READERS);
        put(t, "POST /api/v1/runs", WRITERS);
        put(t, "GET /api/v1/runs/{id}", READERS);
        put(t, "POST /api/v1/runs/{id}/approvals", APPROVERS);
        put(t, "POST /api/v1/runs/{id}/cancel", WRITERS);
        put(t, "GET /api/v1/runs/{id}/events", READERS);
        put(t, "POST /api/v1/runs/{id}/rejections", APPROVERS);
        put(t, "GET /api/v1/schedules", READERS);
        put(t, "POST /api/v1/schedules", APPROVERS);
        put(t, "GET /api/v1/schedules/{name}", READERS);
        put(t, "PUT /api/v1/schedules/{name}", APPROVERS);
        put(t, "DELETE /api/v1/schedules/{name}", APPROVERS);
        put(t, "GET /api/v1/schedules/{name}/fire-times", READERS);
        put(t, "POST /api/v1/schedules/{name}/pause", APPROVERS);
        put(t, "POST /api/v1/schedules/{name}/resume", APPROVERS);
        put(t, "GET /api/v1/services", READERS);
        put(t, "POST /api/v1/services/{service}/force-open", ADMINS);
        put(t, "POST /api/v1/services/{service}/reset", ADMINS);
        put(t, "GET /api/v1/stores", READERS);
        put(t, "POST /api/v1/versions/next", WRITERS);
        put(t, "POST /api/v1/versions/policy", WRITERS);
        put(t, "GET /api/v1/versions/{version}", READERS);
        put(t, "POST /api/v1/webhooks/github", List.of(ANONYMOUS));
        return java.util.Collections.unmodifiableMap(t);
    }

    private static void put(Map<Operation, List<String>> t, String op, List<String> roles) {
        String[] parts = op.split(" ", 2);
        t.put(new Operation(parts[0], parts[1]), roles);
    }

    /** Whether a caller with this role (or {@code null}: no valid token) may call the operation. */
    static boolean allows(Operation op, String role) {
        List<String> roles = ALLOWED.get(op);
        if (roles == null) {
            return false;
        }
        return roles.contains(ANONYMOUS) || (role != null && roles.contains(role));
    }

    /** The operation with this method whose template matches the path of another operation, if any. */
    static Operation sameTemplate(String method, Operation op) {
        Operation other = new Operation(method, op.path());
        return ALLOWED.containsKey(other) ? other : null;
    }

    /** The table as docs/security.md shows it: {@code | `METHOD path` | roles |}. */
    static List<String> markdownRows() {
        return ALLOWED.entrySet().stream()
                .map(e -> "| `" + e.getKey() + "` | " + String.join(", ", e.getValue()) + " |")
                .toList();
    }

    /** The operations of the OpenAPI file the build generated (target/classes/META-INF/swagger/*.yml). */
    @SuppressWarnings("unchecked")
    static Set<Operation> openApiOperations() {
        Path dir = Path.of("target/classes/META-INF/swagger");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> specs = files.filter(p -> p.toString().endsWith(".yml")).toList();
            if (specs.size() != 1) {
                throw new IllegalStateException("expected one OpenAPI file in " + dir + ", found " + specs);
            }
            Map<String, Object> spec;
            try (InputStream in = Files.newInputStream(specs.get(0))) {
                spec = new Yaml().load(in);
            }
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
            Set<Operation> ops = new LinkedHashSet<>();
            paths.forEach((path, item) -> item.keySet().stream()
                    .filter(k -> Set.of("get", "put", "post", "delete", "patch", "head", "options")
                            .contains(k))
                    .forEach(m -> ops.add(new Operation(m.toUpperCase(Locale.ROOT), path))));
            return ops;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of the role table in a markdown file (lines of the form {@code | `METHOD /path` | ... |}). */
    static List<String> rowsIn(Path markdown) throws IOException {
        Pattern row = Pattern.compile("^\\| `(GET|POST|PUT|DELETE|PATCH) (/[^`]*)` \\|.*\\|$");
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(markdown)) {
            Matcher m = row.matcher(line.strip());
            if (m.matches()) {
                rows.add(line.strip());
            }
        }
        return rows;
    }

    /** Fills path variables with the given values ({@code {name}} → value); unknown variables get {@code x}. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "x")));
        }
        m.appendTail(b);
        return b.toString();
    }

    static String describe(Set<Operation> ops) {
        return ops.stream().map(Operation::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
