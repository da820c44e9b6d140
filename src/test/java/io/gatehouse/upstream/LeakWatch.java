package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty's leak detector reported a buffer that was never released while it ran. Leaks are
 * only reported once the buffer was collected and another buffer is allocated, so the check collects garbage and
 * allocates a little before it looks.
 */
final class LeakWatch implements BeforeAllCallback, AfterAllCallback {
    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        reports.start();
        detectorLogger().addAppender(reports);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        try {
            for (int round = 0; round < 5; round++) {
                System.gc();
                Thread.sleep(50);
                for (int i = 0; i < 200; i++) {
                    ByteBufAllocator.DEFAULT.directBuffer(16).release();
                    ByteBufAllocator.DEFAULT.heapBuffer(16).release();
                }
            }
            assertThat(reports.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(message -> message.contains("LEAK"));
        } finally {
            detectorLogger().detachAppender(reports);
        }
    }

    private static Logger detectorLogger() {
        return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    }
}
