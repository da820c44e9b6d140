package io.gatehouse.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The node's console logging, which logback finds through {@code META-INF/services} as it starts: concise lines,
 * INFO for lifecycle only (per-request detail is at DEBUG), libraries at WARN. Set up in code because reading the
 * same dozen settings from {@code logback.xml} costs a start several hundred classes of XML parsing. A file named by
 * {@code -Dlogback.configurationFile}, or a {@code logback.xml} or {@code logback-test.xml} on the class path (the
 * tests have one), is still read instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{20} - %msg%n";
    static final Map<String, Level> LEVELS = Map.of(
            "io.netty", Level.WARN,
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            // When the database goes away, Hikari warns once per pooled connection, with a stack trace; the
            // ConfigFollower says it once, with the remedy.
            "com.zaxxer.hikari.pool.PoolBase", Level.ERROR,
            "com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR,
            "org.jdbi", Level.WARN,
            "io.zonky", Level.WARN);

    private final ClassLoader resources;

    /** The configurator logback instantiates. */
    public ConsoleLogging() {
        this(ConsoleLogging.class.getClassLoader());
    }

    /** Looks for the logback files that take precedence in {@code resources}. */
    ConsoleLogging(ClassLoader resources) {
        this.resources = resources;
    }

    @Override
    public ExecutionStatus configure(LoggerContext loggerContext) {
        if (configuredElsewhere()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(loggerContext);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(loggerContext);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = loggerContext.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> loggerContext.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private boolean configuredElsewhere() {
        return System.getProperty("logback.configurationFile") != null
                || resources.getResource("logback-test.xml") != null
                || resources.getResource("logback.xml") != null;
    }
}
