package io.releasekit.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import io.releasekit.api.git.GitApiFixture;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The malformed-request drill of issue 11: derived from the generated OpenAPI file, at least 1,000 malformed requests
 * across every operation (bodies that are not one UTF-8 JSON document, members of the wrong type, {@code null}, unknown
 * enum values and members, bad boolean and integer query values, odd path variables), sent with the admin token so
 * that nothing but the input stops them. Every answer must be a 4xx {@code application/problem+json} naming no Java
 * class, and afterwards nothing was written: the git repositories' refs and working trees (read with the git CLI), the
 * file-system stores, and every table of the database are exactly as before.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsDrillTest implements TestPropertyProvider {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern JAVA_CLASS =
            Pattern.compile("\\b(?:java|javax|jakarta|io|com|org)\\.[a-z0-9_]+\\.[A-Za-z0-9_.$]*|\\$[A-Z]");

    GitApiFixture git;
    Path stores;

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        git = new GitApiFixture();
        try {
            stores = Files.createTempDirectory("releasekit-drill-stores");
            Path release = Files.createDirectories(stores.resolve("src/rel"));
            Files.writeString(release.resolve("app.tar.gz"), "payload\n");
            Files.writeString(
                    release.resolve("SHA256SUMS"),
                    "b0a2e4a5c3e1b5d5b1c4a6b0c8e2a8e4b6e2d0e6a8c4b2a0e8c6d4b2a0e8c6d4  app.tar.gz\n");
            Files.createDirectories(stores.resolve("dst"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new LinkedHashMap<>(git.properties());
        p.put("releasekit.stores.src.type", "fs");
        p.put("releasekit.stores.src.path", stores.resolve("src").toString());
        p.put("releasekit.stores.dst.type", "fs");
        p.put("releasekit.stores.dst.path", stores.resolve("dst").toString());
        return p;
    }

    @BeforeAll
    void cloneCharts() {
        // opening "charts" clones it: do it before the snapshot so that the snapshot covers it
        assertThat(send("GET", "/api/v1/repositories/charts/resolve?ref=main", null, null, "application/json")
                        .statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    void cleanUp() throws Exception {
        git.close();
    }

    @Test
    void malformedRequestsToEveryOperationAreRefusedWithProblemsAndWriteNothing() throws Exception {
        Map<String, String> before = snapshot();
        OpenApi api = OpenApi.load();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> perOperation = new TreeMap<>();
        int sent = 0;
        for (OpenApi.Op op : api.operations()) {
            List<Malformed> requests = malformed(api, op);
            perOperation.put(op.method() + " " + op.path(), requests.size());
            for (Malformed m : requests) {
                HttpResponse<String> r = send(m.method(), m.path(), m.body(), m.rawBody(), m.contentType());
                sent++;
                judge(m, r, failures);
            }
        }
        System.out.printf("malformed-request drill: %d requests over %d operations%n", sent, perOperation.size());
        perOperation.forEach((op, n) -> System.out.printf("  %4d  %s%n", n, op));

        assertThat(failures).as("answers to malformed requests").isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(1_000);
        assertThat(perOperation.values()).allMatch(n -> n > 0);
        assertThat(snapshot())
                .as("repositories, stores and database after the drill")
                .isEqualTo(before);
    }

    private static void judge(Malformed m, HttpResponse<String> r, List<String> failures) {
        int status = r.statusCode();
        String what = m + " -> " + status + " " + shorten(r.body());
        if (status < 400 || status >= 500) {
            failures.add("not a 4xx: " + what);
            return;
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            failures.add("4xx without application/problem+json (" + type + "): " + what);
        }
        Matcher javaClass = JAVA_CLASS.matcher(r.body());
        if (javaClass.find()) {
            failures.add("problem names a Java class (" + javaClass.group() + "): " + what);
        }
    }

    /** One malformed request and why it is malformed. */
    record Malformed(String method, String path, String body, byte[] rawBody, String contentType, String why) {
        @Override
        public String toString() {
            return method + " " + path + " [" + why + "]" + (body == null ? "" : " " + shorten(body));
        }
    }

    private List<Malformed> malformed(OpenApi api, OpenApi.Op op) {
        List<Malformed> out = new ArrayList<>();
        String path = fill(op.path(), Map.of());
        Map<String, Object> schema = op.bodySchema() == null ? null : api.resolve(op.bodySchema());
        if (schema != null && !op.path().contains("/webhooks/")) {
            Map<String, Object> base = Bases.of(api, schema);
            String json = Json.write(base);
            bodies(op, path, json, base).forEach(b -> out.add(b));
            Map<String, Object> props = api.properties(schema);
            for (Map.Entry<String, Object> prop : props.entrySet()) {
                Map<String, Object> propSchema = api.resolve(prop.getValue());
                boolean nullable = Boolean.TRUE.equals(((Map<?, ?>) prop.getValue()).get("nullable"))
                        || Boolean.TRUE.equals(propSchema.get("nullable"));
                for (Object bad : Bases.wrongValues(api, propSchema)) {
                    if (bad == Json.NULL_LITERAL && nullable) {
                        continue; // the OpenAPI file declares null as "absent" for this member: not malformed
                    }
                    Map<String, Object> body = new LinkedHashMap<>(base);
                    body.put(prop.getKey(), bad);
                    out.add(new Malformed(
                            op.method(),
                            path,
                            Json.write(body),
                            null,
                            "application/json",
                            prop.getKey() + " = " + Json.write(bad)));
                }
            }
        }
        for (OpenApi.Param q : op.queryParams()) {
            for (String bad : badQueryValues(q.type())) {
                out.add(new Malformed(
                        op.method(),
                        path + "?" + q.name() + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8),
                        op.bodySchema() == null ? null : "{}",
                        null,
                        "application/json",
                        "query " + q.name() + "=" + bad));
            }
            if (!q.type().equals("string")) {
                out.add(new Malformed(
                        op.method(),
                        path + "?" + q.name() + "=true&" + q.name() + "=false",
                        null,
                        null,
                        null,
                        "query " + q.name() + " twice"));
            }
        }
        if (op.path().contains("{")) {
            for (String v : List.of("%2e%2e", "a%00b", "x".repeat(1500), "%ff%fe", "a%2fb", "%20")) {
                out.add(new Malformed(
                        op.method(),
                        fill(op.path(), Map.of("*", v)),
                        schema == null || op.path().contains("/webhooks/") ? null : "{\"x\":",
                        null,
                        "application/json",
                        "path variable " + shorten(v)));
            }
        }
        if (out.isEmpty()) {
            // an operation without input: a body it does not take, of a media type it does not take
            out.add(new Malformed(op.method(), path, "<x/>", null, "application/xml", "XML body"));
            out.add(new Malformed(op.method(), path + "?limit=1e9", null, null, null, "stray query"));
        }
        return out;
    }

    private static List<Malformed> bodies(OpenApi.Op op, String path, String json, Map<String, Object> base) {
        String m = op.method();
        List<Malformed> b = new ArrayList<>();
        byte[] bom = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
        b.add(new Malformed(m, path, null, bom, "application/json", "byte order mark"));
        b.add(new Malformed(m, path, null, json.getBytes(StandardCharsets.UTF_16), "application/json", "UTF-16"));
        b.add(new Malformed(m, path, json + " x", null, "application/json", "trailing token"));
        b.add(new Malformed(m, path, json + json, null, "application/json", "two documents"));
        b.add(new Malformed(m, path, json + "\n{}", null, "application/json", "second document on a new line"));
        b.add(new Malformed(m, path, json + "]", null, "application/json", "trailing bracket"));
        if (!base.isEmpty()) {
            String first = base.keySet().iterator().next();
            String dup = json.substring(0, json.length() - 1) + "," + Json.write(first) + ":"
                    + Json.write(base.get(first)) + "}";
            b.add(new Malformed(m, path, dup, null, "application/json", "duplicate member " + first));
            b.add(new Malformed(
                    m, path, json.substring(0, json.length() - 1) + ",}", null, "application/json", "trailing comma"));
        }
        for (String root : List.of(
                "[]",
                "\"text\"",
                "null",
                "42",
                "true",
                "{",
                "{\"a\":}",
                "{'tag':'v1'}",
                "/* c */ {}",
                "{\"x\": NaN}",
                "[".repeat(200) + "]".repeat(200),
                "",
                "  ",
                "{\"a\":1}{",
                "\u0000",
                "{\"\\ud800\":1}")) {
            b.add(new Malformed(m, path, root, null, "application/json", "body " + shorten(root)));
        }
        Map<String, Object> typo = new LinkedHashMap<>(base);
        typo.put("dryrun", true);
        b.add(new Malformed(m, path, Json.write(typo), null, "application/json", "unknown member dryrun"));
        Map<String, Object> nested = new LinkedHashMap<>(base);
        nested.put("__proto__", Map.of("admin", true));
        b.add(new Malformed(m, path, Json.write(nested), null, "application/json", "unknown member __proto__"));
        b.add(new Malformed(m, path, json, null, "text/plain", "text/plain body"));
        return b;
    }

    private static List<String> badQueryValues(String type) {
        return switch (type) {
            case "boolean" -> List.of("True", "TRUE", "yes", "1", "0", "", "on", "null");
            case "integer" -> List.of("1.5", "x", "", "1e3", "99999999999999999999", "-", "0x10");
            default -> List.of("x".repeat(5000));
        };
    }

    private static String fill(String template, Map<String, String> values) {
        Map<String, String> defaults = Map.of(
                "name",
                "local",
                "kind",
                "artifacts.publish",
                "id",
                "run-x",
                "service",
                "github",
                "tag",
                "v1",
                "build",
                "b1",
                "version",
                "1.0.0");
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v =
                    values.getOrDefault("*", values.getOrDefault(m.group(1), defaults.getOrDefault(m.group(1), "x")));
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    private HttpResponse<String> send(String method, String path, String body, byte[] raw, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TestTokens.ADMIN);
        byte[] bytes = raw != null ? raw : body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (bytes == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything a request could have written: refs and working trees (git CLI), store files, table row counts. */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> s = new TreeMap<>();
        for (Path repo : List.of(git.localDir(), git.originDir(), git.chartsDir())) {
            s.put("refs " + repo, gitCli(repo, "for-each-ref", "--format=%(objectname) %(refname)"));
            if (!repo.equals(git.originDir())) {
                s.put("status " + repo, gitCli(repo, "status", "--porcelain", "--untracked-files=all"));
            }
        }
        try (Stream<Path> files = Files.walk(stores)) {
            s.put(
                    "stores",
                    files.map(p -> stores.relativize(p) + ":" + size(p))
                            .sorted()
                            .collect(Collectors.joining("\n")));
        }
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).isNotEmpty();
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + t + "\"")) {
                    rs.next();
                    s.put("rows " + t, Long.toString(rs.getLong(1)));
                }
            }
        }
        return s;
    }

    private static String size(Path p) {
        try {
            return Files.isDirectory(p) ? "dir" : Long.toString(Files.size(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String gitCli(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    /** The parts of the generated OpenAPI file the drill needs. */
    record OpenApi(Map<String, Object> spec) {

        record Param(String name, String type) {}

        record Op(String method, String path, Object bodySchema, List<Param> queryParams) {}

        static OpenApi load() throws IOException {
            Path dir = Path.of("target/classes/META-INF/swagger");
            try (Stream<Path> files = Files.list(dir)) {
                Path spec = files.filter(p -> p.toString().endsWith(".yml"))
                        .findFirst()
                        .orElseThrow();
                try (InputStream in = Files.newInputStream(spec)) {
                    return new OpenApi(new Yaml().load(in));
                }
            }
        }

        @SuppressWarnings("unchecked")
        List<Op> operations() {
            List<Op> ops = new ArrayList<>();
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
            paths.forEach((path, item) -> item.forEach((method, o) -> {
                if (!List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    return;
                }
                Map<String, Object> op = (Map<String, Object>) o;
                Object schema = null;
                Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
                if (body != null) {
                    Map<String, Object> content = (Map<String, Object>) body.get("content");
                    Map<String, Object> json =
                            (Map<String, Object>) content.values().iterator().next();
                    schema = json.get("schema");
                }
                List<Param> query = new ArrayList<>();
                for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
                    Map<String, Object> param = (Map<String, Object>) p;
                    if ("query".equals(param.get("in"))) {
                        Map<String, Object> s = resolve(param.get("schema"));
                        query.add(new Param((String) param.get("name"), String.valueOf(s.get("type"))));
                    }
                }
                ops.add(new Op(method.toUpperCase(Locale.ROOT), path, schema, query));
            }));
            return ops;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> resolve(Object schema) {
            Map<String, Object> s = (Map<String, Object>) schema;
            if (s == null) {
                return Map.of();
            }
            Object ref = s.get("$ref");
            if (ref == null && s.get("allOf") instanceof List<?> all && !all.isEmpty()) {
                return resolve(all.get(0));
            }
            if (ref == null) {
                return s;
            }
            String name = ((String) ref).substring("#/components/schemas/".length());
            Map<String, Object> components = (Map<String, Object>) spec.get("components");
            return resolve(((Map<String, Object>) components.get("schemas")).get(name));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> properties(Map<String, Object> schema) {
            return (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        }
    }

    /** Plausible, writing request bodies (sent only once malformed) and wrong values per schema type. */
    static final class Bases {

        private static final Map<String, Object> BY_NAME = Map.ofEntries(
                Map.entry("tag", "v9.9.9"),
                Map.entry("target", "main"),
                Map.entry("branch", "drill"),
                Map.entry("version", "9.9.9"),
                Map.entry("from", "main"),
                Map.entry("to", "main"),
                Map.entry("source", "main"),
                Map.entry("targets", List.of("no-version")),
                Map.entry("commits", List.of("main")),
                Map.entry("kind", "artifacts.publish"),
                Map.entry(
                        "parameters",
                        Map.of(
                                "sourceStore",
                                "src",
                                "sourcePrefix",
                                "rel/",
                                "destinationStore",
                                "dst",
                                "destinationPrefix",
                                "out/")),
                Map.entry("store", "src"),
                Map.entry("prefix", "rel/"),
                Map.entry("build", "b1"),
                Map.entry("stage", "alpha"),
                Map.entry("status", "PASSED"),
                Map.entry("notes", "notes"),
                Map.entry("message", "drill"),
                Map.entry("text", "drill"),
                Map.entry("topic", "drill"),
                Map.entry("remote", "origin"),
                Map.entry("refs", List.of("refs/heads/main")));

        private Bases() {}

        static Map<String, Object> of(OpenApi api, Map<String, Object> schema) {
            Map<String, Object> base = new LinkedHashMap<>();
            api.properties(schema).forEach((name, s) -> base.put(name, valueFor(api, name, api.resolve(s))));
            return base;
        }

        @SuppressWarnings("unchecked")
        private static Object valueFor(OpenApi api, String name, Map<String, Object> s) {
            if (name.equals("dryRun")) {
                return Boolean.TRUE; // a malformed request that is accepted by mistake must still write nothing
            }
            if (BY_NAME.containsKey(name)) {
                return BY_NAME.get(name);
            }
            if (s.get("enum") instanceof List<?> values && !values.isEmpty()) {
                return values.get(0);
            }
            return switch (String.valueOf(s.get("type"))) {
                case "boolean" -> Boolean.FALSE;
                case "integer" -> 1;
                case "number" -> 1.5;
                case "array" -> List.of("x");
                case "object" -> s.containsKey("properties") ? of(api, s) : Map.of();
                default -> "x";
            };
        }

        @SuppressWarnings("unchecked")
        static List<Object> wrongValues(OpenApi api, Map<String, Object> s) {
            List<Object> bad = new ArrayList<>();
            bad.add(Json.NULL_LITERAL);
            if (s.get("enum") instanceof List<?> values && !values.isEmpty()) {
                bad.addAll(List.of("NOT_A_VALUE", String.valueOf(values.get(0)).toLowerCase(Locale.ROOT), 1, ""));
                return bad;
            }
            switch (String.valueOf(s.get("type"))) {
                case "boolean" -> bad.addAll(List.of("True", "true", "yes", "1", "", 0, 1, List.of(true), Map.of()));
                case "integer" ->
                    bad.addAll(List.of("1", 1.5, true, "", Json.raw("1e400"), Json.raw("99999999999999999999999")));
                case "number" -> bad.addAll(List.of("1", true, List.of()));
                case "array" -> {
                    bad.addAll(List.of("x", Map.of()));
                    bad.add(Json.listWithNull());
                    Map<String, Object> items = api.resolve(s.get("items"));
                    if ("string".equals(items.get("type"))) {
                        bad.add(List.of(1));
                        bad.add(List.of(List.of()));
                    }
                }
                case "object" -> bad.addAll(List.of("x", List.of(), 1, Json.mapWithNull(), Map.of("unknownMember", 1)));
                default -> bad.addAll(List.of(1, true, List.of(), Map.of(), 1.5));
            }
            return bad;
        }
    }

    /** A small JSON writer, so that malformed values (null, raw literals) are written exactly as meant. */
    static final class Json {

        static final Object NULL_LITERAL = new Object();

        record Raw(String text) {}

        private Json() {}

        static Raw raw(String text) {
            return new Raw(text);
        }

        static List<Object> listWithNull() {
            List<Object> l = new ArrayList<>();
            l.add("x");
            l.add(NULL_LITERAL);
            return l;
        }

        static Map<String, Object> mapWithNull() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("k", NULL_LITERAL);
            return m;
        }

        static String write(Object v) {
            if (v == null || v == NULL_LITERAL) {
                return "null";
            }
            if (v instanceof Raw r) {
                return r.text();
            }
            if (v instanceof String s) {
                return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
            if (v instanceof Map<?, ?> m) {
                return m.entrySet().stream()
                        .map(e -> write(String.valueOf(e.getKey())) + ":" + write(e.getValue()))
                        .collect(Collectors.joining(",", "{", "}"));
            }
            if (v instanceof List<?> l) {
                return l.stream().map(Json::write).collect(Collectors.joining(",", "[", "]"));
            }
            return String.valueOf(v);
        }
    }
}
