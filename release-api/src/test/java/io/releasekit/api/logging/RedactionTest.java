package io.releasekit.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksBearerAndReleasekitTokens() {
        assertThat(Redaction.redact("Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig-_~+/abc=="))
                .isEqualTo("Authorization: Bearer ***");
        assertThat(Redaction.redact("token rk_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg used"))
                .isEqualTo("token rk_*** used");
        assertThat(Redaction.redact("admin token is rk_abcdefghijklmnop")).isEqualTo("admin token is rk_***");
        assertThat(Redaction.redact("Authorization: token v1.0123456789abcdef, Authorization: Basic dXNlcjpzZWNyZXQ="))
                .isEqualTo("Authorization: token ***, Authorization: Basic ***");
    }

    @Test
    void masksSlackWebhookPathsAndChatTokens() {
        assertThat(Redaction.redact("POST https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX failed: 503"))
                .isEqualTo("POST https://hooks.slack.com/services/*** failed: 503");
        assertThat(Redaction.redact(
                        "slack xoxb-1234-5678-abcdEFGH matrix syt_YWxpY2U_abcdefghij github ghp_abcdefghij0123456789"))
                .isEqualTo("slack xoxb-*** matrix syt_*** github ghp_***");
    }

    @Test
    void masksSecretQueryParametersAndUrlCredentials() {
        assertThat(Redaction.redact("GET https://matrix.example/_matrix/client/v3/sync?access_token=abc123&since=s1"))
                .isEqualTo("GET https://matrix.example/_matrix/client/v3/sync?access_token=***&since=s1");
        assertThat(Redaction.redact(
                        "https://bucket.s3.amazonaws.com/a?X-Amz-Credential=AK%2F1&X-Amz-Signature=deadbeef"))
                .isEqualTo("https://bucket.s3.amazonaws.com/a?X-Amz-Credential=***&X-Amz-Signature=***");
        assertThat(Redaction.redact("remote https://bot:s3cr3t@git.example/repo.git"))
                .isEqualTo("remote https://***@git.example/repo.git");
    }

    @Test
    void masksAwsKeys() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertThat(Redaction.redact("aws_secret_access_key=" + secret)).isEqualTo("aws_secret_access_key=***");
        assertThat(Redaction.redact("<SecretAccessKey>" + secret + "</SecretAccessKey>"))
                .isEqualTo("<SecretAccessKey>***</SecretAccessKey>");
        assertThat(Redaction.redact("{\"secretAccessKey\": \"" + secret + "\"}"))
                .isEqualTo("{\"secretAccessKey\": \"***\"}");
        assertThat(Redaction.redact("leaked " + secret + " here")).isEqualTo("leaked *** here");
        assertThat(Redaction.redact("key id AKIAIOSFODNN7EXAMPLE")).isEqualTo("key id AKIAIOSF***");
    }

    @Test
    void leavesOrdinaryTextAndCommitIdsAlone() {
        String text =
                "tagged release-1.2.3 at 2c1f0e5d3b4a69788f0e1d2c3b4a5968778f0e1d on s3:eu-central-1 (GO_DEGRADED)";
        assertThat(Redaction.redact(text)).isEqualTo(text);
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    void masksConfiguredSecretsOfAnyShapeVerbatimAndUrlEncoded() {
        String secret = "plain words/with+symbols=unique-4711";
        Redaction.addSecrets(java.util.List.of(secret, "short"));

        assertThat(Redaction.redact("echo: " + secret + " and "
                        + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("echo: *** and ***");
        // values shorter than 8 characters are not masked: they would shred ordinary words
        assertThat(Redaction.redact("a short word")).isEqualTo("a short word");

        // an application that stops takes its secrets with it (tests start many in one JVM)
        Redaction.removeSecrets(java.util.List.of(secret, "short"));
        assertThat(Redaction.redact("echo: " + secret)).isEqualTo("echo: " + secret);
    }

    @Test
    void findsTheSecretsOfTheConfigurationByTheirKeys() {
        assertThat(ConfiguredSecrets.isSecretKey("releasekit.github.token")).isTrue();
        assertThat(ConfiguredSecrets.isSecretKey("releasekit.webhooks.github.secret"))
                .isTrue();
        assertThat(ConfiguredSecrets.isSecretKey("releasekit.repositories.app.remote-password"))
                .isTrue();
        assertThat(ConfiguredSecrets.isSecretKey("releasekit.stores.releases.secret-access-key"))
                .isTrue();
        assertThat(ConfiguredSecrets.isSecretKey("releasekit.channels.deploys.url"))
                .isTrue();
        assertThat(ConfiguredSecrets.isSecretKey("datasources.default.password"))
                .isTrue();
        assertThat(ConfiguredSecrets.isSecretKey("releasekit.security.tokens[0].sha256"))
                .isFalse();
        assertThat(ConfiguredSecrets.isSecretKey("releasekit.github.endpoint")).isFalse();
        assertThat(ConfiguredSecrets.isSecretKey("some.other.token")).isFalse();
    }
}
