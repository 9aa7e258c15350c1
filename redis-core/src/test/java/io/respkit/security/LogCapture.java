package io.respkit.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures every log event (from all threads) through an appender on the root logger, and lowers
 * {@code io.respkit}'s level to TRACE while attached so that debug output is inspected too. Close it to detach and
 * restore the level.
 *
 * <p>Thread-safe.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root;
    private final Logger respkit;
    private final Level previousLevel;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.respkit = context.getLogger("io.respkit");
        this.previousLevel = respkit.getLevel();
        setContext(context);
        setName("respkit-test-capture");
    }

    /**
     * Attaches a capture to the root logger.
     *
     * @return the capture; close it when done
     */
    public static LogCapture attach() {
        LogCapture capture = new LogCapture();
        capture.start();
        capture.respkit.setLevel(Level.TRACE);
        capture.root.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    /** @return the events captured so far */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Returns all captured output: each event's logger, level, formatted message, raw arguments, MDC and full
     * stack trace.
     *
     * @return the text
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : events) {
            sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ").append(e.getFormattedMessage())
                    .append(' ').append(e.getMDCPropertyMap()).append('\n');
            if (e.getArgumentArray() != null) {
                for (Object arg : e.getArgumentArray()) {
                    sb.append("  arg: ").append(arg).append('\n');
                }
            }
            if (e.getThrowableProxy() != null) {
                sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Returns the formatted messages at {@code level} or above.
     *
     * @param level the minimum level
     * @return the messages
     */
    public List<String> messages(Level level) {
        return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Detaches from the root logger and restores {@code io.respkit}'s level. */
    @Override
    public void close() {
        root.detachAppender(this);
        respkit.setLevel(previousLevel);
        stop();
    }
}
