package io.releasekit.api.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * Logback conversion word {@code %redact(...)}: the text its children produce (message, exception, MDC) with every
 * secret masked by {@link Redaction}. {@link LogConfigurator} wraps the message and the stack trace in it.
 */
public class RedactingConverter extends CompositeConverter<ILoggingEvent> {

    /** Creates the converter (Logback instantiates it by class name). */
    public RedactingConverter() {}

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return Redaction.redact(in);
    }
}
