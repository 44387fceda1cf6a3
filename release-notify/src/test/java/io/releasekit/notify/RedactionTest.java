package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.notify.ChannelOutcome;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.NotifyResult;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.notify.internal.HttpChannel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * No token, webhook URL path or signing secret in any exception message, cause, stack trace or log line, even when
 * the service echoes the credential back in its error body, and with the root logger at DEBUG.
 *
 * <p>The adapters use the JDK's HTTP client, which logs nothing unless its own system property asks it to; the shipped
 * logback configurations still pin {@link HttpChannel#WIRE_LOGGER} to WARN, as this module's logback-test.xml does.
 */
class RedactionTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String SLACK_TOKEN = "xoxb-2222-3333-LeakMeNotSlack";
    static final String MATRIX_TOKEN = "syt_LeakMeNotMatrix_4444";
    static final String MASTODON_TOKEN = "LeakMeNotMastodon-5555";
    static final String HOOK_PATH = "/services/T0001/B0002/LeakMeNotHookPath";
    static final String WEBHOOK_PATH = "/hooks/LeakMeNotWebhookPath";
    static final String WEBHOOK_SECRET = "LeakMeNotSigningSecret";
    static final List<String> SECRETS = List.of(
            SLACK_TOKEN,
            MATRIX_TOKEN,
            MASTODON_TOKEN,
            "LeakMeNotHookPath",
            "B0002",
            "LeakMeNotWebhookPath",
            WEBHOOK_SECRET);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;
    private Appender<ILoggingEvent> stdout;
    private final List<Notifier> notifiers = new ArrayList<>();

    @BeforeEach
    void captureEveryLogLineAtDebug() {
        Fixtures.warmUp(wm.baseUrl());
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
        stdout = root.getAppender("STDOUT");
        root.detachAppender(stdout); // keep the build output readable; every line still reaches `logs`
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(logs);
        root.addAppender(stdout);
        root.setLevel(rootLevel);
        notifiers.forEach(Notifier::close);
    }

    /** Each failure, given what the service echoes back: the credentials the request carried. */
    static Stream<Arguments> failures() {
        Function<String, String> json = echo -> "{\"ok\":false,\"error\":\"invalid_auth " + echo
                + "\",\"errcode\":\"M_UNKNOWN_TOKEN\",\"retry_after_ms\":1}";
        return Stream.of(
                failure(
                        "500 echoing the credentials",
                        echo -> aResponse().withStatus(500).withBody(json.apply(echo))),
                failure(
                        "401 echoing the credentials",
                        echo -> aResponse().withStatus(401).withBody(json.apply(echo))),
                failure(
                        "404 echoing the credentials",
                        echo -> aResponse().withStatus(404).withBody(json.apply(echo))),
                failure(
                        "429 echoing the credentials",
                        echo -> aResponse().withStatus(429).withBody(json.apply(echo))),
                failure("200 ok:false echoing the credentials", echo -> okJson(json.apply(echo))),
                failure("redirect to a secret URL", echo -> aResponse()
                        .withStatus(302)
                        .withHeader("Location", "https://elsewhere.example.org/" + echo.replace(' ', '-'))),
                failure("connection reset", echo -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                failure("malformed response", echo -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
                failure("time-out", echo -> okJson(json.apply(echo)).withFixedDelay(3_000)));
    }

    private static Arguments failure(String name, Function<String, ResponseDefinitionBuilder> response) {
        return Arguments.of(name, response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void noCredentialInExceptionsOrLogs(String what, Function<String, ResponseDefinitionBuilder> failure) {
        wm.stubFor(any(urlPathMatching("/slack/api/.*")).willReturn(failure.apply("Bearer " + SLACK_TOKEN)));
        wm.stubFor(
                any(urlPathEqualTo(HOOK_PATH)).willReturn(failure.apply(wm.baseUrl() + HOOK_PATH + " " + HOOK_PATH)));
        wm.stubFor(any(urlPathMatching("/_matrix/.*")).willReturn(failure.apply("Bearer " + MATRIX_TOKEN)));
        wm.stubFor(any(urlPathMatching("/api/v1/.*")).willReturn(failure.apply("Bearer " + MASTODON_TOKEN)));
        wm.stubFor(any(urlPathEqualTo(WEBHOOK_PATH))
                .willReturn(failure.apply(wm.baseUrl() + WEBHOOK_PATH + " " + WEBHOOK_PATH + " " + WEBHOOK_SECRET)));
        List<Throwable> errors = all().parallelStream()
                .flatMap(n -> Stream.of(
                        catchThrowable(() -> n.post(Message.of("hello"), "run-1:step")),
                        n.supportsTopic() ? catchThrowable(n::topic) : null))
                .toList();
        NotifyResult announced;
        try (ServiceGuards guards = Fixtures.fastGuards()) {
            Notifiers registry = new Notifiers(notifiers, guards);
            announced = registry.announce(registry.names(), Message.of("hello"), "run-1");
        }

        // a 200 answer is a success for the two webhook types; every other call failed
        assertThat(errors.stream().filter(Objects::nonNull)).hasSizeGreaterThanOrEqualTo(3);
        errors.stream().filter(Objects::nonNull).forEach(e -> assertNoSecret(dump(e), what));
        announced.outcomes().stream().map(ChannelOutcome::error).forEach(m -> assertNoSecret(m, what));
        assertThat(announced.outcomes()).anyMatch(o -> !o.delivered());
        // threads of the guards and of the test server may still be logging: read a snapshot, taken under the
        // appender's own lock (AppenderBase.doAppend is synchronized on the appender)
        List<ILoggingEvent> logged;
        synchronized (logs) {
            logged = List.copyOf(logs.list);
        }
        assertThat(logged).as("the announcement logged its failures").isNotEmpty();
        for (ILoggingEvent e : logged) {
            if (e.getLoggerName().startsWith("wiremock.") || e.getLoggerName().startsWith("com.github.tomakehurst")) {
                continue; // the test server's own logs of what it received
            }
            assertNoSecret(e.getFormattedMessage(), what + " log " + e.getLoggerName());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                assertNoSecret(t.getMessage(), what + " logged throwable");
            }
        }
    }

    @Test
    void configurationErrorsNeverShowTheSecretPartOfAUrl() {
        Throwable e = catchThrowable(() -> WebhookNotifier.builder("ci")
                .url("http://hooks.example.org" + WEBHOOK_PATH + "?token=" + WEBHOOK_SECRET)
                .build());
        assertNoSecret(dump(e), "plain http webhook");
        assertThat(e).hasMessageContaining("http://hooks.example.org/****");
        Throwable spec = catchThrowable(() -> Channels.create(ChannelSpec.builder("ci", "webhook")
                .url(wm.baseUrl() + WEBHOOK_PATH)
                .secret(WEBHOOK_SECRET)
                .token(SLACK_TOKEN)
                .build()));
        assertNoSecret(dump(spec), "misplaced token");
        assertNoSecret(
                ChannelSpec.builder("x", "slack")
                        .token(SLACK_TOKEN)
                        .url(HOOK_PATH)
                        .secret(WEBHOOK_SECRET)
                        .build()
                        .toString(),
                "spec toString");
    }

    private List<Notifier> all() {
        notifiers.add(SlackNotifier.builder("slack-api")
                .token(SLACK_TOKEN)
                .channelId("C0123456789")
                .baseUrl(wm.baseUrl() + "/slack/api")
                .timeout(Fixtures.TIMEOUT)
                .build());
        notifiers.add(SlackWebhookNotifier.builder("slack-hook")
                .url(wm.baseUrl() + HOOK_PATH)
                .timeout(Fixtures.TIMEOUT)
                .build());
        notifiers.add(MatrixNotifier.builder("matrix")
                .baseUrl(wm.baseUrl())
                .token(MATRIX_TOKEN)
                .roomId("!room:example.org")
                .timeout(Fixtures.TIMEOUT)
                .build());
        notifiers.add(MastodonNotifier.builder("mastodon")
                .baseUrl(wm.baseUrl())
                .token(MASTODON_TOKEN)
                .timeout(Fixtures.TIMEOUT)
                .build());
        notifiers.add(WebhookNotifier.builder("webhook")
                .url(wm.baseUrl() + WEBHOOK_PATH)
                .secret(WEBHOOK_SECRET)
                .timeout(Fixtures.TIMEOUT)
                .build());
        return notifiers;
    }

    private static String dump(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static void assertNoSecret(String text, String where) {
        if (text == null) {
            return;
        }
        for (String s : SECRETS) {
            assertThat(text).as(where).doesNotContain(s);
        }
    }
}
