package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.ApiClient.Answer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A vault with one access credential and one route, made through the API, and upload bodies for it. */
public record VaultFixture(ApiClient api, String vaultId, String credentialId, String routeId) {

    public static VaultFixture create(ApiClient api, String name) {
        Answer vault = api.post("/api/v1/vaults", Map.of("name", name));
        assertThat(vault.status()).as(vault.body()).isEqualTo(201);
        String vaultId = vault.json().path("id").asText();
        Answer credential = api.post(base(vaultId) + "/credentials", Map.of("description", "test"));
        assertThat(credential.status()).as(credential.body()).isEqualTo(201);
        Answer route = api.post(base(vaultId) + "/routes", Map.of("upstream", "https://upstream.example:8443",
                "pathPrefix", "/pay"));
        assertThat(route.status()).as(route.body()).isEqualTo(201);
        return new VaultFixture(api, vaultId, credential.json().path("id").asText(), route.json().path("id").asText());
    }

    public static String base(String vaultId) {
        return "/api/v1/vaults/" + vaultId;
    }

    public String path(String resource) {
        return base(vaultId) + "/" + resource;
    }

    /** An OUTBOUND upload of a certificate and key PEM to the credential. */
    public Map<String, Object> outbound(String certificatePem, String privateKeyPem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proxyType", "OUTBOUND");
        body.put("credentialId", credentialId);
        body.put("certificate", certificatePem);
        body.put("privateKey", privateKeyPem);
        return body;
    }

    /** An INBOUND upload of a certificate and key PEM to the route. */
    public Map<String, Object> inbound(String certificatePem, String privateKeyPem) {
        Map<String, Object> body = outbound(certificatePem, privateKeyPem);
        body.remove("credentialId");
        body.put("proxyType", "INBOUND");
        body.put("routeId", routeId);
        return body;
    }

    public Map<String, Object> outbound(IssuedCertificate issued) {
        return outbound(issued.chainPem(), issued.privateKeyPem());
    }

    /** An OUTBOUND upload of a PKCS#12 bundle. */
    public Map<String, Object> outboundPkcs12(byte[] pkcs12, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proxyType", "OUTBOUND");
        body.put("credentialId", credentialId);
        body.put("pkcs12", Base64.getEncoder().encodeToString(pkcs12));
        body.put("passphrase", password);
        return body;
    }

    public Answer upload(Map<String, Object> body) {
        return api.post(path("certificates"), body);
    }

    public JsonNode certificates() {
        Answer list = api.get(path("certificates"));
        assertThat(list.status()).isEqualTo(200);
        return list.json().path("items");
    }

    public int auditSize() {
        Answer audit = api.get(path("audit"));
        assertThat(audit.status()).isEqualTo(200);
        return audit.json().path("items").size();
    }
}
