package io.gatehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** A plain HTTP client of the admin API for tests: sends what it is given, returns status, headers and JSON. */
public final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** An answer: status, headers, the raw body, and the body as JSON (an empty object when it is not JSON). */
    public record Answer(int status, HttpHeaders headers, String body, JsonNode json) {
        public String errorCode() {
            return json.path("error").path("code").asText(null);
        }

        public String errorMessage() {
            return json.path("error").path("message").asText(null);
        }
    }

    public ApiClient withToken(String otherToken) {
        return new ApiClient(baseUrl, otherToken);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public Answer get(String path) {
        return send(builder(path).GET());
    }

    public Answer post(String path, Object body) {
        return send(builder(path).POST(BodyPublishers.ofString(text(body))));
    }

    public Answer put(String path, Object body) {
        return send(builder(path).PUT(BodyPublishers.ofString(text(body))));
    }

    public Answer delete(String path) {
        return send(builder(path).DELETE());
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    public Answer send(HttpRequest.Builder builder) {
        try {
            var response = http.send(builder.build(), BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : MAPPER.readTree(body);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
