package io.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged write survives {@code kill -9} of the process that made it. */
class SqliteDurabilityIT {
    private static final int ACKS_BEFORE_KILL = 25;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void acknowledgedWrites_survive_killOfTheProcess() throws Exception {
        Process probe = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                DurabilityProbe.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> acknowledged = readAcks(probe);

        probe.destroyForcibly();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).isEqualTo(137);

        try (GatehouseStore store = StoreFactory.open(null, null, null, dataDir)) {
            String vaultId = acknowledged.get(0);
            List<String> stored = store.listCredentials(vaultId).stream().map(AccessCredential::id).toList();
            assertThat(stored).containsAll(acknowledged.subList(1, acknowledged.size()));
        }
    }

    private static List<String> readAcks(Process probe) throws IOException {
        List<String> acks = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                StandardCharsets.UTF_8));
        while (acks.size() < ACKS_BEFORE_KILL) {
            String line = lines.readLine();
            if (line == null) {
                throw new IllegalStateException("The probe stopped after " + acks.size() + " writes");
            }
            if (line.startsWith(DurabilityProbe.ACK)) {
                acks.add(line.substring(DurabilityProbe.ACK.length()));
            }
        }
        return acks;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
