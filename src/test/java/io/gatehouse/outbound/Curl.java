package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the curl binary as users run it against the proxy. curl is a declared test dependency (CI installs it), so a
 * missing curl fails the test rather than skipping it.
 */
final class Curl {
    private static final String CURL = "curl";

    /** What curl saw: the final response (status, headers of the last header block, body) and the CONNECT status. */
    record Result(int exitCode, int status, int connectStatus, Map<String, String> headers, String body,
                  String stderr) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Curl() {
    }

    static void requireInstalled() {
        boolean found = false;
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(directory, CURL));
        }
        assertThat(found).as("curl must be installed for these tests (.ci/install-test-deps installs it)").isTrue();
    }

    /** Runs {@code curl -sS <args>} and collects the response; {@code args} end with the URL. */
    static Result run(Path workDir, String... args) {
        try {
            Path headers = Files.createTempFile(workDir, "curl", ".headers");
            Path body = Files.createTempFile(workDir, "curl", ".body");
            List<String> command = new ArrayList<>(List.of(CURL, "-sS", "--max-time", "30", "-D", headers.toString(),
                    "-o", body.toString(), "-w", "%{http_code} %{http_connect}"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("curl did not finish: " + command);
            }
            String[] codes = new String(out, StandardCharsets.US_ASCII).trim().split(" ");
            return new Result(process.exitValue(), Integer.parseInt(codes[0]), Integer.parseInt(codes[1]),
                    lastHeaderBlock(Files.readString(headers, StandardCharsets.ISO_8859_1)),
                    Files.readString(body, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> lastHeaderBlock(String dump) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : dump.split("\r\n")) {
            if (line.startsWith("HTTP/")) {
                headers.clear();
            } else if (line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }
}
