package io.releasekit.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triggers written in a YAML configuration file, as docs/github.md and the recipe pages show them, reach the run with
 * their parameters: flow-style and block-style maps, lists, numbers and booleans.
 */
class WebhookTriggerYamlTest {

    static final String YAML =
            """
            releasekit:
              github:
                endpoint: http://127.0.0.1:9
                repositories:
                  cfn-registry: { owner: aws-cloudformation, repo: community-registry-extensions }
                  operators: { owner: example, repo: operators }
                webhook:
                  triggers:
                    - event: release
                      repository: cfn-registry
                      action: published
                      kind: registry.stage
                      params: { repository: cfn-registry, tag: "{tag}", store: beta, stagePrefix: "awscommunity/{tag}/" }
                    - event: push
                      repository: operators
                      branch: main
                      kind: train.release
                      params:
                        repository: operators
                        target: "{sha}"
                        channels: [slack, matrix]
                        dryRun: false
                        attempts: 3
            """;

    @TempDir
    Path data;

    @Test
    void parametersOfTriggersInAYamlFileReachTheTriggers() throws Exception {
        Map<String, Object> read = new java.util.LinkedHashMap<>(new YamlPropertySourceLoader()
                .read("application", new ByteArrayInputStream(YAML.getBytes(StandardCharsets.UTF_8))));
        read.put("releasekit.data-dir", data.toString());
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(PropertySource.of("application", read))
                .start()) {
            List<WebhookTriggerProperties> triggers = ctx.getBeansOfType(WebhookTriggerProperties.class).stream()
                    .sorted(Comparator.comparingInt(WebhookTriggerProperties::getIndex))
                    .toList();

            assertThat(triggers).hasSize(2);
            assertThat(triggers.get(0).getParams())
                    .containsExactly(
                            Map.entry("repository", "cfn-registry"),
                            Map.entry("tag", "{tag}"),
                            Map.entry("store", "beta"),
                            Map.entry("stagePrefix", "awscommunity/{tag}/"));
            assertThat(triggers.get(1).getParams())
                    .containsEntry("repository", "operators")
                    .containsEntry("target", "{sha}")
                    .containsEntry("channels", List.of("slack", "matrix"))
                    .containsEntry("dryRun", false)
                    .containsEntry("attempts", 3);
        }
    }
}
