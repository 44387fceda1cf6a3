package io.releasekit.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What the generated OpenAPI file promises a portal beyond redocly's rules (which release-client's build runs): every
 * error response is the one Problem schema as application/problem+json, schema names carry no Java nesting or
 * controller name, and operation ids say what they do.
 */
class OpenApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Set<String> GENERIC_IDS =
            Set.of("create", "get", "list", "release", "publish", "next", "github", "reset", "parse", "policy", "me");

    private static Map<String, Object> spec;

    @BeforeAll
    static void readSpec() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/swagger/releasekit-0.1.yml"))) {
            spec = new Yaml().load(in);
        }
    }

    @Test
    void everyErrorResponseIsTheProblemSchemaAsProblemJson() {
        List<String> wrong = new ArrayList<>();
        operations().forEach((where, op) -> {
            Map<String, Map<String, Object>> responses = map(op.get("responses"));
            assertThat(responses.keySet()).as(where).anyMatch(code -> code.startsWith("4"));
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    Map<String, Object> content = map(response.get("content"));
                    Map<String, Object> problem = content == null ? null : map(content.get("application/problem+json"));
                    Map<String, Object> schema = problem == null ? null : map(problem.get("schema"));
                    if (schema == null || !"#/components/schemas/Problem".equals(schema.get("$ref"))) {
                        wrong.add(where + " " + code);
                    }
                }
            });
        });
        assertThat(wrong).as("error responses without the Problem schema").isEmpty();
    }

    @Test
    void schemaNamesReadAsAPortalWouldWriteThem() {
        Map<String, Object> schemas = map(map(spec.get("components")).get("schemas"));
        assertThat(schemas.keySet()).isNotEmpty().allSatisfy(name -> assertThat(name)
                .matches("[A-Z][A-Za-z0-9]*")
                .doesNotContain("Controller")
                .doesNotEndWith("View"));
    }

    @Test
    void operationIdsNameTheirObject() {
        operations().forEach((where, op) -> assertThat(String.valueOf(op.get("operationId")))
                .as(where)
                .matches("[a-z][A-Za-z0-9]*")
                .isNotIn(GENERIC_IDS));
    }

    @Test
    void theWebhookDeclaresItsSignatureSchemeAndNoBearer() {
        Map<String, Object> webhook =
                map(map(map(spec.get("paths")).get("/api/v1/webhooks/github")).get("post"));
        assertThat(webhook.get("security")).isEqualTo(List.of(Map.of("githubSignature", List.of())));
        assertThat(map(map(spec.get("components")).get("securitySchemes"))).containsKeys("bearer", "githubSignature");
    }

    private static Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> ops = new java.util.LinkedHashMap<>();
        Map<String, Map<String, Object>> paths = map(spec.get("paths"));
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            if (METHODS.contains(method)) {
                ops.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path, map(op));
            }
        }));
        return ops;
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> map(Object o) {
        return (Map<String, T>) o;
    }
}
