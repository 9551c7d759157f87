package io.p2proxy.proxy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what this module's loggers print, to check "one log line per failure". */
final class RecordingLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.p2proxy.proxy");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    RecordingLog() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Lines that mention {@code text}. */
    List<String> linesWith(String text) {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text)).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
