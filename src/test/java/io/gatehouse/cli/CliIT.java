package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import io.gatehouse.testing.TestNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's client commands, run in-process against a whole node over real HTTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path files;
    static TestNode node;

    @BeforeAll
    static void startNode() {
        node = TestNode.start(dataDir);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    /** The exit code and what was printed. */
    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return MAPPER.readTree(out);
        }
    }

    private static Run gatehouse(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, environment, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static Run gatehouse(String... args) {
        return gatehouse(Map.of("GATEHOUSE_ADMIN_URL", node.adminUrl().toString(),
                "GATEHOUSE_ADMIN_TOKEN", TestNode.ADMIN_TOKEN), args);
    }

    @Test
    void fullWalkThrough_createAddListDelete() throws Exception {
        String vault = gatehouse("vaults", "create", "cli-payments", "--json").json().path("id").asText();
        Run credential = gatehouse("credentials", "create", "--vault", vault, "--description", "billing", "--json");
        String credentialId = credential.json().path("id").asText();
        String routeId = gatehouse("routes", "create", "--vault", vault, "--upstream", "https://partner.example",
                "--path-prefix", "/callbacks", "--json").json().path("id").asText();
        IssuedCertificate issued = TestCa.create("CLI CA").leaf("cli-client").keyKind(KeyKind.EC_P256).issue();
        Path cert = Files.writeString(files.resolve("client.pem"), issued.chainPem());
        Path key = Files.writeString(files.resolve("client.key"),
                Pem.pkcs8Encrypted(issued.privateKey(), "file-passphrase".toCharArray()));
        Path passphrase = Files.writeString(files.resolve("passphrase"), "file-passphrase\n");

        Run added = gatehouse("certs", "add", "--vault", vault, "--credential", credentialId, "--cert",
                cert.toString(), "--key", key.toString(), "--passphrase-file", passphrase.toString());
        Run table = gatehouse("certs", "list", "--vault", vault);
        Run json = gatehouse("certs", "list", "--vault", vault, "--json");
        String certificateId = json.json().path("items").get(0).path("id").asText();

        assertThat(credential.json().path("password").asText()).hasSize(32);
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("sha256Fingerprint: " + issued.sha256Fingerprint())
                .doesNotContain("file-passphrase");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("PROXY_TYPE");
        assertThat(table.out()).contains(certificateId).contains("OUTBOUND").contains("ACTIVE");
        assertThat(json.json().path("items")).hasSize(1);
        assertThat(gatehouse("certs", "show", "--vault", vault, certificateId).out()).contains("inUse: true");
        assertThat(gatehouse("credentials", "list", "--vault", vault).out()).contains(credentialId)
                .doesNotContain(credential.json().path("password").asText());
        assertThat(gatehouse("routes", "show", "--vault", vault, routeId).out()).contains("pathPrefix: /callbacks");
        assertThat(gatehouse("certs", "delete", "--vault", vault, certificateId).code()).isZero();
        assertThat(gatehouse("certs", "list", "--vault", vault, "--json").json().path("items")).isEmpty();
        assertThat(gatehouse("credentials", "delete", "--vault", vault, credentialId).code()).isZero();
        assertThat(gatehouse("routes", "delete", "--vault", vault, routeId).code()).isZero();
        assertThat(gatehouse("vaults", "audit", vault).out()).contains(certificateId);
    }

    @Test
    void certsAdd_ofPkcs12_isAccepted() throws Exception {
        String vault = gatehouse("vaults", "create", "cli-p12", "--json").json().path("id").asText();
        String routeId = gatehouse("routes", "create", "--vault", vault, "--upstream", "http://127.0.0.1:1",
                "--json").json().path("id").asText();
        IssuedCertificate issued = TestCa.create("CLI CA").leaf("p12-client").issue();
        Path bundle = Files.write(files.resolve("client.p12"), Pem.pkcs12(issued, "bundle".toCharArray()));
        Path passphrase = Files.writeString(files.resolve("p12-passphrase"), "bundle");

        Run added = gatehouse("certs", "add", "--vault", vault, "--route", routeId, "--pkcs12", bundle.toString(),
                "--passphrase-file", passphrase.toString(), "--json");

        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.json().path("routeId").asText()).isEqualTo(routeId);
        assertThat(added.json().path("proxyType").asText()).isEqualTo("INBOUND");
    }

    @Test
    void routesUpdate_changesOnlyWhatIsGiven() throws Exception {
        String vault = gatehouse("vaults", "create", "cli-routes", "--json").json().path("id").asText();
        String routeId = gatehouse("routes", "create", "--vault", vault, "--upstream", "https://a.example",
                "--path-prefix", "/a", "--json").json().path("id").asText();

        Run updated = gatehouse("routes", "update", "--vault", vault, routeId, "--upstream", "https://b.example",
                "--json");

        assertThat(updated.code()).as(updated.err()).isZero();
        assertThat(updated.json().path("upstream").asText()).isEqualTo("https://b.example");
        assertThat(updated.json().path("pathPrefix").asText()).isEqualTo("/a");
    }

    @Test
    void showCommands_andRouteWithOwnCa_work() throws Exception {
        String vault = gatehouse("vaults", "create", "cli-show", "--json").json().path("id").asText();
        String credentialId = gatehouse("credentials", "create", "--vault", vault, "--json").json().path("id")
                .asText();
        Path ca = Files.writeString(files.resolve("upstream-ca.pem"), TestCa.create("Upstream CA").certificatePem());

        Run route = gatehouse("routes", "create", "--vault", vault, "--upstream", "https://partner.example",
                "--upstream-ca", ca.toString(), "--json");
        Run refusedUpdate = gatehouse("routes", "update", "--vault", vault, route.json().path("id").asText(),
                "--path-prefix", "/other");

        assertThat(route.json().path("hasUpstreamCa").asBoolean()).isTrue();
        assertThat(refusedUpdate.code()).isEqualTo(2);
        assertThat(refusedUpdate.err()).contains("--upstream-ca");
        assertThat(gatehouse("vaults", "show", vault).out()).contains("name: cli-show");
        assertThat(gatehouse("credentials", "show", "--vault", vault, credentialId).out())
                .contains("id: " + credentialId).doesNotContain("password");
        assertThat(gatehouse("routes", "list", "--vault", vault).out()).contains("https://partner.example")
                .contains("true");
    }

    @Test
    void apiRefusal_exitsOne_withTheApiMessage() {
        Run run = gatehouse("credentials", "list", "--vault", "tntnosuch00");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("UNKNOWN_VAULT").contains("tntnosuch00");
    }

    @Test
    void wrongToken_exitsOne_asUnauthorized() {
        Run run = gatehouse(Map.of("GATEHOUSE_ADMIN_URL", node.adminUrl().toString(),
                "GATEHOUSE_ADMIN_TOKEN", "wrong-token"), "vaults", "list");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("UNAUTHORIZED").doesNotContain("wrong-token");
    }

    @Test
    void unreachableApi_exitsThree() {
        Run run = gatehouse(Map.of("GATEHOUSE_ADMIN_TOKEN", "t"), "vaults", "list", "--admin-url",
                "http://127.0.0.1:1");

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("Cannot reach the admin API at http://127.0.0.1:1");
    }

    @Test
    void usageErrors_exitTwo() {
        assertThat(gatehouse("certs", "add", "--vault", "v", "--cert", "c", "--key", "k").code()).isEqualTo(2);
        assertThat(gatehouse("vaults", "frobnicate").code()).isEqualTo(2);
        assertThat(gatehouse(Map.of(), "vaults", "list", "--data-dir", files.resolve("none").toString()).code())
                .isEqualTo(2);
    }

    @Test
    void tokenFromDataDirFile_isUsedWithoutEnvironment() throws Exception {
        Path otherDir = Files.createDirectories(files.resolve("with-token"));
        Files.writeString(otherDir.resolve("admin-token"), TestNode.ADMIN_TOKEN + "\n");

        Run run = gatehouse(Map.of(), "vaults", "list", "--admin-url", node.adminUrl().toString(), "--data-dir",
                otherDir.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ID");
    }
}
