package io.releasekit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String TOKEN = "xoxb-1111-2222-abcdefABCDEF";
    private static final URI HOOK = URI.create("https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX");

    @Test
    void masksASecretVerbatimAndUrlEncoded() {
        Redactor r = Redactor.of(Secret.of("tok en/with+chars", "token"));

        assertThat(r.redact("a tok en/with+chars b tok+en%2Fwith%2Bchars c tok%20en%2Fwith%2Bchars"))
                .isEqualTo("a **** b **** c ****");
    }

    @Test
    void masksAWebhookUrlAndItsPath() {
        Redactor r = Redactor.ofUrl(HOOK);

        assertThat(r.redact("POST " + HOOK + " failed")).isEqualTo("POST **** failed");
        assertThat(r.redact("path /services/T000/B000/XXXXsecretXXXX not found"))
                .isEqualTo("path **** not found");
        assertThat(Redactor.safeUrl(HOOK)).isEqualTo("https://hooks.slack.com/****");
    }

    @Test
    void keepsTheCauseChainButMasksItsMessages() {
        Redactor r = Redactor.of(Secret.of(TOKEN, "token"));
        IOException root = new IOException("auth header Bearer " + TOKEN + " refused");
        RuntimeException top = new UncheckedIOException("call failed", root);

        Throwable safe = r.redact(top);

        assertThat(safe).isInstanceOf(RedactedException.class);
        assertThat(((RedactedException) safe).originalClass()).isEqualTo(UncheckedIOException.class.getName());
        assertThat(safe.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(safe.getCause()).isInstanceOf(RedactedException.class);
        assertThat(safe.getCause().getMessage()).isEqualTo("auth header Bearer **** refused");
        assertThat(safe.getCause().toString()).startsWith("java.io.IOException (redacted): ");
    }

    @Test
    void leavesAThrowableWithoutSecretsAlone() {
        RuntimeException e = new IllegalStateException("nothing to hide");
        assertThat(Redactor.of(Secret.of(TOKEN, "token")).redact(e)).isSameAs(e);
    }

    @Test
    void ignoresValuesTooShortToBeSecrets() {
        assertThat(Redactor.of(java.util.List.of("abc")).redact("abc abc")).isEqualTo("abc abc");
    }

    @Test
    void secretNeverPrintsItsValue() {
        Secret s = Secret.of(TOKEN, "token of channel 'ops'");
        assertThat(s.toString()).isEqualTo("****");
        assertThat(String.valueOf(s)).doesNotContain("xoxb");
        assertThat(s.reveal()).isEqualTo(TOKEN);
    }

    @Test
    void refusesABlankSecretNamingWhatIsMissing() {
        assertThatThrownBy(() -> Secret.of(" ", "token of channel 'ops'"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("token of channel 'ops' is missing or blank");
    }
}
