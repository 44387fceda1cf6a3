package io.releasekit.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.github.GitHubWebhookSignature.Verification;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GitHubWebhookSignatureTest {

    static final byte[] SECRET = GitHubWebhookSignature.secret("It's a Secret to Everybody");

    static byte[] payload(String name) throws Exception {
        try (InputStream in = GitHubWebhookSignatureTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void matchesGitHubsDocumentedTestVector() {
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

        assertThat(GitHubWebhookSignature.sha256(body, SECRET))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        assertThat(GitHubWebhookSignature.verify(
                        body, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", null, SECRET))
                .isEqualTo(new Verification(true, ""));
    }

    @Test
    void verifiesARealPushPayloadWithBothSignatures() throws Exception {
        byte[] body = payload("push.json");

        Verification v = GitHubWebhookSignature.verify(
                body, GitHubWebhookSignature.sha256(body, SECRET), GitHubWebhookSignature.sha1(body, SECRET), SECRET);

        assertThat(v.valid()).isTrue();
    }

    @Test
    void refusesWhenEitherOfTwoSignaturesIsWrong() throws Exception {
        byte[] body = payload("push.json");
        String good256 = GitHubWebhookSignature.sha256(body, SECRET);
        String bad1 = GitHubWebhookSignature.sha1(body, GitHubWebhookSignature.secret("other"));

        Verification v = GitHubWebhookSignature.verify(body, good256, bad1, SECRET);

        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).isEqualTo("X-Hub-Signature does not match the body");
    }

    @Test
    void refusesAChangedBodyAWrongSecretAndMalformedHeaders() throws Exception {
        byte[] body = payload("release-published.json");
        String signature = GitHubWebhookSignature.sha256(body, SECRET);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("release-0.1.2", "release-9.9.9")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(GitHubWebhookSignature.verify(tampered, signature, null, SECRET)
                        .valid())
                .isFalse();
        assertThat(GitHubWebhookSignature.verify(body, signature, null, GitHubWebhookSignature.secret("x"))
                        .valid())
                .isFalse();
        assertThat(GitHubWebhookSignature.verify(body, signature.substring(7), null, SECRET)
                        .valid())
                .isFalse();
        assertThat(GitHubWebhookSignature.verify(body, "sha256=zz", null, SECRET)
                        .valid())
                .isFalse();
        assertThat(GitHubWebhookSignature.verify(body, signature + "00", null, SECRET)
                        .valid())
                .isFalse();
    }

    @Test
    void refusesMissingSignaturesAndAMissingSecret() throws Exception {
        byte[] body = payload("push.json");

        assertThat(GitHubWebhookSignature.verify(body, null, " ", SECRET).reason())
                .contains("carries no X-Hub-Signature-256");
        assertThat(GitHubWebhookSignature.verify(body, GitHubWebhookSignature.sha256(body, SECRET), null, new byte[0])
                        .reason())
                .contains("no webhook secret is configured");
    }

    @Test
    void acceptsALegacySha1OnlyDeliveryAndUpperCaseHex() throws Exception {
        byte[] body = payload("push.json");
        String sha1 = GitHubWebhookSignature.sha1(body, SECRET);

        assertThat(GitHubWebhookSignature.verify(body, null, sha1, SECRET).valid())
                .isTrue();
        assertThat(GitHubWebhookSignature.verify(
                                body, null, "sha1=" + sha1.substring(5).toUpperCase(), SECRET)
                        .valid())
                .isTrue();
    }
}
