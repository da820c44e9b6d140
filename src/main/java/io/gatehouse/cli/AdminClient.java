package io.gatehouse.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * A small client of the admin API for the CLI's commands: JSON in and out, the admin token as a bearer token. A
 * refusal becomes an {@link ApiCallException} with the API's code and message; a connection failure an
 * {@link AdminUnreachableException}. {@link #toString()} does not show the token.
 */
final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final String token;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(URI baseUrl, String token, ObjectMapper mapper) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl");
        this.token = requireNonNull(token, "token");
        this.mapper = requireNonNull(mapper, "mapper");
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode post(String path, JsonNode body) {
        return send(request(path).POST(json(body)));
    }

    JsonNode put(String path, JsonNode body) {
        return send(request(path).PUT(json(body)));
    }

    void delete(String path) {
        send(request(path).DELETE());
    }

    ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public String toString() {
        return "AdminClient[" + baseUrl + "]";
    }

    private HttpRequest.Builder request(String path) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private HttpRequest.BodyPublisher json(JsonNode body) {
        try {
            return BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a request body", e);
        }
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest request = builder.header("Content-Type", "application/json").build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AdminUnreachableException("Cannot reach the admin API at " + baseUrl + " ("
                    + e.getClass().getSimpleName() + "); is 'gatehouse serve' running there? Set --admin-url or "
                    + "GATEHOUSE_ADMIN_URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminUnreachableException("Interrupted while calling the admin API");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            JsonNode error = body.path("error");
            int status = response.statusCode();
            throw new ApiCallException(status, error.path("code").asText("HTTP_" + status),
                    error.path("message").asText("The admin API answered HTTP " + response.statusCode()));
        }
        return body;
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
