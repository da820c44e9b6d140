package io.gatehouse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files named on the command line; an unreadable one is a usage error that names the option. */
final class InputFiles {
    private InputFiles() {
    }

    static String text(String option, String file) {
        return new String(bytes(option, file), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String option, String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new UsageException(option + " is '" + file + "', expected a readable file");
        }
    }
}
