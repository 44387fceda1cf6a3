package io.releasekit.api.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventPatternJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;

/**
 * The service's logging, configured in code (found by Logback through {@code META-INF/services}) instead of by a
 * {@code logback.xml}: the same output without Logback's XML parser and configuration model, about 500 classes and a
 * tenth of the start-up's main-thread time (docs/benchmarks.md, session 6).
 *
 * <ul>
 *   <li>{@code RELEASEKIT_LOG_FORMAT} ({@code -D} or environment): {@code text} (default) or {@code json}, one JSON
 *       object per line ({@code timestamp}, {@code level}, {@code thread}, {@code logger}, {@code message}, {@code
 *       stack_trace}); message and stack trace go through {@link RedactingConverter} in both, MDC and arguments are
 *       not written.
 *   <li>{@code io.releasekit} at INFO, {@code releasekit.wire} (the chat adapters' request log: URLs and tokens) at
 *       WARN, everything else at WARN.
 *   <li>A {@code logback.xml} of the user's ({@code -Dlogback.configurationFile=...}, or one on the class path, e.g. a
 *       test's {@code logback-test.xml}) takes precedence, unless {@code -Dreleasekit.log.builtin=true} asks for this
 *       configuration anyway.
 * </ul>
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public class LogConfigurator extends ContextAwareBase implements Configurator {

    /** The environment variable or system property choosing the format. */
    public static final String FORMAT = "RELEASEKIT_LOG_FORMAT";
    /** System property: use this configuration even when a logback XML file is on the class path. */
    public static final String BUILTIN = "releasekit.log.builtin";

    /** The text format's pattern: time, level, thread, logger, the redacted message and stack trace. */
    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level [%thread] %logger{36} - %nopex%redact(%msg%n%throwable)";

    /** Creates the configurator (Logback instantiates it through the service loader). */
    public LogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean(BUILTIN) && xmlConfigurationPresent()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Configures {@code context}: the format is its property {@code RELEASEKIT_LOG_FORMAT} if set, else the system
     * property, else the environment variable; {@code json}, or text for anything else.
     */
    public static void apply(LoggerContext context) {
        String format = format(context);
        registerRedact(context);
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        boolean json = "json".equals(format);
        appender.setName(json ? "json" : "text");
        appender.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("io.releasekit").setLevel(Level.INFO);
        context.getLogger("releasekit.wire").setLevel(Level.WARN);
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        LoggingEventFormattedTimestampJsonProvider timestamp =
                field(new LoggingEventFormattedTimestampJsonProvider(), "timestamp");
        timestamp.setTimeZone("UTC");
        providers.addTimestamp(timestamp);
        providers.addLogLevel(field(new LogLevelJsonProvider(), "level"));
        providers.addThreadName(field(new LoggingEventThreadNameJsonProvider(), "thread"));
        providers.addLoggerName(field(new LoggerNameJsonProvider(), "logger"));
        LoggingEventPatternJsonProvider pattern = new LoggingEventPatternJsonProvider();
        pattern.setOmitEmptyFields(true);
        pattern.setPattern("{\"message\": \"%nopex%redact(%msg)\", \"stack_trace\": \"%redact(%throwable)\"}");
        providers.addPattern(pattern);
        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        encoder.setProviders(providers);
        encoder.start();
        return encoder;
    }

    private static <T extends AbstractFieldJsonProvider<ILoggingEvent>> T field(T provider, String name) {
        provider.setFieldName(name);
        return provider;
    }

    /** {@code %redact(...)} for every pattern of the context, as a {@code <conversionRule>} would register it. */
    @SuppressWarnings("unchecked")
    private static void registerRedact(LoggerContext context) {
        Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>)
                context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("redact", RedactingConverter::new);
    }

    /** The format asked for: the context's property (tests), else {@code -D}, else the environment; text by default. */
    private static String format(LoggerContext context) {
        String v = context.getProperty(FORMAT);
        if (v == null) {
            v = System.getProperty(FORMAT, System.getenv(FORMAT));
        }
        return v == null ? "text" : v.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean xmlConfigurationPresent() {
        if (System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        ClassLoader loader = LogConfigurator.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }
}
