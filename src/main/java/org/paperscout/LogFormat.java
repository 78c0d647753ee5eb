package org.paperscout;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import org.paperscout.config.Settings;
import org.slf4j.LoggerFactory;

/**
 * {@code log.format}: {@code text} (the default, logback.xml's pattern) or {@code json}, one JSON object a line
 * through logback's own {@link JsonEncoder}: time, level, logger, thread, message, and the MDC (command, outcome,
 * latency_ms, shard where known), which is what log pipelines parse.
 */
final class LogFormat {

    /** logback.xml's encoder, put back when a later start asks for text again (tests run many in one JVM). */
    private static Encoder<ILoggingEvent> text;

    private LogFormat() {
    }

    /** Switches the standard-error appender to JSON when asked; refuses any other value than text or json. */
    static void apply(Settings settings) {
        String format = settings.string("log.format", "text").strip().toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw settings.invalid("log.format", "text or json");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)
                || !(context.getLogger("ROOT").getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> appender)) {
            return;
        }
        synchronized (LogFormat.class) {
            boolean json = appender.getEncoder() instanceof JsonEncoder;
            if (format.equals("json") && !json) {
                text = appender.getEncoder();
                JsonEncoder encoder = new JsonEncoder();
                encoder.setContext(context);
                encoder.setWithSequenceNumber(false);
                encoder.setWithNanoseconds(false);
                encoder.setWithContext(false);
                encoder.start();
                swap(appender, encoder);
            } else if (format.equals("text") && json && text != null) {
                swap(appender, text);
            }
        }
    }

    private static void swap(ConsoleAppender<ILoggingEvent> appender, Encoder<ILoggingEvent> encoder) {
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
    }
}
