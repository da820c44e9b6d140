package io.gatehouse.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Gatehouse node in a child JVM ({@code Main serve}), with every listener on a free port, its console output
 * captured line by line, and the admin API's port read from its "listening" log line. Lets a test kill a node hard.
 */
public final class ChildNode implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Admin API listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> adminPort = new CompletableFuture<>();
    private final Thread reader;

    private ChildNode(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "child-node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code serve} on the data directory with the given logback configuration (a test resource name). */
    public static ChildNode start(Path dataDir, String logbackResource, Map<String, String> environment) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String logback = Path.of("target", "test-classes", logbackResource).toAbsolutePath().toString();
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m",
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                "io.gatehouse.cli.Main", "serve", "--data-dir", dataDir.toString(),
                "--admin-address", "127.0.0.1:0", "--inbound-http-address", "127.0.0.1:0",
                "--inbound-https-address", "127.0.0.1:0", "--outbound-address", "127.0.0.1:0",
                "--outbound-tls-address", "127.0.0.1:0").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        try {
            ChildNode node = new ChildNode(builder.start());
            node.adminPort.get(90, TimeUnit.SECONDS);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("The child node did not start", e);
        }
    }

    public URI adminUrl() {
        return URI.create("http://127.0.0.1:" + adminPort.join());
    }

    /** Everything the child printed so far. */
    public synchronized String output() {
        return String.join("\n", output);
    }

    /** Kills the child at once, as {@code kill -9} does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
    }

    /** Stops the child as SIGTERM does and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        // Process.destroy() would also close our end of the child's output, losing its shutdown lines.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
        reader.join(10_000);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    output.add(line);
                }
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    adminPort.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            adminPort.completeExceptionally(e);
        }
        adminPort.completeExceptionally(new IllegalStateException("The child ended: " + output()));
    }
}
