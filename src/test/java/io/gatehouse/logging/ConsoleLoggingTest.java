package io.gatehouse.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ConsoleLoggingTest {
    /** Sees no class path resources at all, as the node's jar (which has no logback file) does. */
    private static final ClassLoader NO_LOGBACK_FILES = new ClassLoader(null) {
    };

    @Test
    void configure_noLogbackFile_logsToConsoleAtInfoWithLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging(NO_LOGBACK_FILES);
        logging.setContext(context);

        ExecutionStatus status = logging.configure(context);

        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender("CONSOLE");
        assertThat(console.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(ConsoleLogging.PATTERN);
        assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari.pool.PoolBase").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("io.gatehouse.cli").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void configure_logbackTestFileOnClassPath_leavesItToLogback() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging(ConsoleLoggingTest.class.getClassLoader());
        logging.setContext(context);

        ExecutionStatus status = logging.configure(context);

        assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNull();
    }
}
