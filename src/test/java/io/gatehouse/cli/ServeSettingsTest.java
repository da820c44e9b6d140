package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ServeSettingsTest {
    @TempDir
    Path temp;

    private static ServeSettings parse(Map<String, String> environment, String... args) {
        ServeCommand command = new ServeCommand(environment);
        new CommandLine(command).setDefaultValueProvider(new EnvironmentDefaults(environment)).parseArgs(args);
        return command.settings();
    }

    @Test
    void settings_withNothingGiven_areTheProductDefaults() {
        ServeSettings settings = parse(Map.of());

        assertThat(settings.adminAddress()).isEqualTo(new HostPort("127.0.0.1", 9090));
        assertThat(settings.inboundHttpAddress()).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(settings.inboundHttpsAddress()).isEqualTo(new HostPort("127.0.0.1", 8443));
        assertThat(settings.outboundAddress()).isEqualTo(new HostPort("127.0.0.1", 3128));
        assertThat(settings.outboundTlsAddress()).isEqualTo(new HostPort("127.0.0.1", 3129));
        assertThat(settings.inboundDomain()).isEqualTo("localhost");
        assertThat(settings.dataDir()).isEqualTo(Path.of("./gatehouse-data"));
        assertThat(settings.databaseUrl()).isEmpty();
        assertThat(settings.upstreamCa()).isEmpty();
    }

    @Test
    void settings_fromEnvironment_replaceTheDefaults() {
        ServeSettings settings = parse(Map.of("GATEHOUSE_ADMIN_ADDRESS", "0.0.0.0:9999",
                "GATEHOUSE_INBOUND_DOMAIN", "gw.example.com", "GATEHOUSE_DATABASE_PASSWORD", "hunter2"));

        assertThat(settings.adminAddress()).isEqualTo(new HostPort("0.0.0.0", 9999));
        assertThat(settings.inboundDomain()).isEqualTo("gw.example.com");
        assertThat(settings.databasePassword()).contains("hunter2");
    }

    @Test
    void settings_flagWinsOverEnvironment() {
        ServeSettings settings = parse(Map.of("GATEHOUSE_ADMIN_ADDRESS", "0.0.0.0:9999"),
                "--admin-address", "127.0.0.1:7000");

        assertThat(settings.adminAddress()).isEqualTo(new HostPort("127.0.0.1", 7000));
    }

    @Test
    void settings_acceptBracketedIpv6() {
        assertThat(parse(Map.of(), "--outbound-address", "[::1]:3128").outboundAddress())
                .isEqualTo(new HostPort("::1", 3128));
    }

    @Test
    void settings_withBadAddress_nameSettingValueAndExpectation() {
        assertThatThrownBy(() -> parse(Map.of(), "--admin-address", "localhost"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--admin-address").hasMessageContaining("'localhost'")
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> parse(Map.of("GATEHOUSE_OUTBOUND_ADDRESS", "127.0.0.1:70000")))
                .hasMessageContaining("--outbound-address").hasMessageContaining("70000");
    }

    @Test
    void settings_withMissingFile_nameTheSetting() {
        assertThatThrownBy(() -> parse(Map.of(), "--upstream-ca", temp.resolve("nope.pem").toString()))
                .hasMessageContaining("--upstream-ca").hasMessageContaining("readable file");
    }

    @Test
    void settings_withCertificateButNoKey_areRefused() throws Exception {
        Path cert = Files.writeString(temp.resolve("cert.pem"), "x");

        assertThatThrownBy(() -> parse(Map.of(), "--inbound-tls-cert", cert.toString()))
                .hasMessageContaining("--inbound-tls-key");
    }

    @Test
    void settings_withNonJdbcDatabaseUrl_areRefused() {
        assertThatThrownBy(() -> parse(Map.of(), "--database-url", "postgres://db/gatehouse"))
                .hasMessageContaining("--database-url").hasMessageContaining("jdbc:");
    }

    @Test
    void settings_dataDirThatIsAFile_isRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> parse(Map.of(), "--data-dir", file.toString()))
                .hasMessageContaining("--data-dir").hasMessageContaining("directory");
    }

    @Test
    void toString_masksTheDatabasePassword() {
        assertThat(parse(Map.of(), "--database-password", "hunter2").toString())
                .doesNotContain("hunter2").contains("****");
    }

    @Test
    void serve_withBadSetting_exitsWithUsageError() {
        StringWriter err = new StringWriter();

        int code = Main.run(new String[] {"serve", "--admin-address", "nowhere"}, Map.of(),
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--admin-address is 'nowhere', expected host:port");
    }

    @Test
    void help_documentsTheExitCodes() {
        StringWriter out = new StringWriter();

        int code = Main.run(new String[] {"--help"}, Map.of(), new PrintWriter(out), new PrintWriter(out));

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Exit codes:").contains("cannot be reached");
    }
}
