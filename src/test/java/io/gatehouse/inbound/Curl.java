package io.gatehouse.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the curl command line, as a user of the inbound proxy would; a test that needs curl fails without it. */
final class Curl {
    private Curl() {
    }

    /** Fails the test when curl is missing: CI installs it, so its absence is a broken setup, not a skip. */
    static void requireInstalled() throws IOException, InterruptedException {
        Process which = new ProcessBuilder("which", "curl").redirectErrorStream(true).start();
        assertThat(which.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(which.exitValue()).as("curl must be installed (apt-get install curl)").isZero();
    }

    /** Runs {@code curl -sS -i <args>} and returns its output, status line and headers included. */
    static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "20"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    /** curl's exit code, its output and its error output. */
    record Result(int exitCode, String output, String error) {

        /** The status code of the last response in the output (after any 100 Continue). */
        int status() {
            String[] lines = output.split("\r\n");
            int status = -1;
            for (String line : lines) {
                if (line.startsWith("HTTP/")) {
                    status = Integer.parseInt(line.split(" ")[1]);
                }
            }
            return status;
        }

        /** The value of a header of the last response, or null. */
        String header(String name) {
            String value = null;
            for (String line : output.split("\r\n")) {
                if (line.startsWith("HTTP/")) {
                    value = null;
                } else if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    value = line.substring(name.length() + 1).strip();
                }
            }
            return value;
        }

        String body() {
            int end = output.lastIndexOf("\r\n\r\n");
            return end < 0 ? "" : output.substring(end + 4);
        }
    }
}
