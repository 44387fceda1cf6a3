package io.releasekit.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The shipped log configuration ({@link LogConfigurator}, not the tests' XML) masks secrets in messages and stack traces. */
class LogRedactionTest {

    @Test
    void theProductionLogConfigurationMasksSecretsInMessagesAndStackTraces() throws Exception {
        LoggerContext context = productionContext(null);
        OutputStreamAppender<?> stdout = (OutputStreamAppender<?>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("text");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) stdout.getEncoder();

        LoggingEvent event = secretBearingEvent(context);
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).startsWith("20").contains(" WARN  [main] io.releasekit.notify.Slack - posting to https://");
        // the stack trace's frames are printed too, under the redaction
        assertThat(line).contains("\tat io.releasekit.api.logging.LogRedactionTest.");
        context.stop();

        assertThat(line)
                .contains("hooks.slack.com/services/***", "Bearer ***", "access_token=***", "IOException")
                .doesNotContain("secretpath", "rk_abcdefghijklmnopqrstuvwxyz", "mat-secret", "%");
        // the stack trace is printed once, redacted
        assertThat(line.split("java.io.IOException", -1)).hasSize(2);
    }

    @Test
    void theJsonLogFormatWritesOneRedactedObjectPerLine() throws Exception {
        LoggerContext context = productionContext("json");
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("text")).isNull();
        OutputStreamAppender<ILoggingEvent> json = (OutputStreamAppender<ILoggingEvent>) root.getAppender("json");

        LoggingEvent event = secretBearingEvent(context);
        String line = new String(json.getEncoder().encode(event), StandardCharsets.UTF_8);
        context.stop();

        assertThat(line).endsWith("}\n").doesNotContain("\t").hasLineCount(1);
        Map<String, Object> fields =
                JsonMapper.createDefault().readValue(line, Argument.mapOf(String.class, Object.class));
        assertThat(fields)
                .containsEntry("level", "WARN")
                .containsEntry("logger", "io.releasekit.notify.Slack")
                .containsKeys("timestamp", "thread", "message", "stack_trace");
        assertThat((String) fields.get("message"))
                .isEqualTo("posting to https://hooks.slack.com/services/*** with Authorization: Bearer ***");
        assertThat((String) fields.get("stack_trace"))
                .contains("java.io.IOException", "access_token=***", "at io.releasekit.api.logging.LogRedactionTest.");
        assertThat(line).doesNotContain("secretpath", "rk_abcdefghijklmnopqrstuvwxyz", "mat-secret");
    }

    @Test
    void logbackFindsTheServicesConfiguratorThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogConfigurator.class);
    }

    @Test
    void aLogbackXmlOnTheClassPathTakesPrecedenceOverTheBuiltInConfiguration() {
        // the test class path holds logback-test.xml: the configurator steps aside for it, as for a user's logback.xml
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME)
                        .iteratorForAppenders()
                        .hasNext())
                .isFalse();
    }

    /** A Logback context configured as the service configures it, with RELEASEKIT_LOG_FORMAT set to {@code format}. */
    private static LoggerContext productionContext(String format) {
        LoggerContext context = new LoggerContext();
        if (format != null) {
            context.putProperty(LogConfigurator.FORMAT, format);
        }
        LogConfigurator.apply(context);
        return context;
    }

    /** A warning whose message, argument and exception each carry a secret. */
    private static LoggingEvent secretBearingEvent(LoggerContext context) {
        Logger logger = context.getLogger("io.releasekit.notify.Slack");
        return new LoggingEvent(
                Logger.class.getName(),
                logger,
                Level.WARN,
                "posting to https://hooks.slack.com/services/T0/B0/secretpath with Authorization: Bearer {}",
                new IOException("503 from https://matrix.example/_matrix?access_token=mat-secret"),
                new Object[] {"rk_abcdefghijklmnopqrstuvwxyz"});
    }
}
