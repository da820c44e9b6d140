package io.gatehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The JSON object of a request body, read with a hard limit of {@value #MAX_BODY_BYTES} bytes whether or not the
 * client announced a length (chunked bodies are counted while they are read). Typed accessors turn a field of the
 * wrong type into a 400 {@code INVALID_REQUEST}; messages name the field, never its value. An empty body reads as
 * an empty object.
 */
final class JsonRequest {
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ObjectNode body;

    private JsonRequest(ObjectNode body) {
        this.body = body;
    }

    static JsonRequest read(Context ctx, ObjectMapper mapper) {
        rejectAnnouncedOversize(ctx);
        byte[] bytes = readBounded(ctx);
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return new JsonRequest(mapper.createObjectNode());
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (IOException e) {
            throw ApiException.invalidRequest("The request body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.invalidRequest("The request body must be a JSON object");
        }
        return new JsonRequest((ObjectNode) tree);
    }

    /** Refuses a body whose announced length is over the limit before a byte of it is read. */
    static void rejectAnnouncedOversize(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
    }

    Optional<String> optionalString(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.invalidRequest("Field '" + field + "' must be a string");
        }
        return Optional.of(node.textValue());
    }

    String requiredString(String field) {
        return optionalString(field).filter(value -> !value.isBlank())
                .orElseThrow(() -> ApiException.invalidRequest("Field '" + field + "' is required"));
    }

    boolean has(String field) {
        JsonNode node = body.get(field);
        return node != null && !node.isNull();
    }

    private static byte[] readBounded(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.invalidRequest("The request body could not be read completely");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "PAYLOAD_TOO_LARGE",
                "The request body is over " + MAX_BODY_BYTES + " bytes (1 MiB); send a smaller one");
    }
}
