package io.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Finding one item in a list answer, and putting ids into URL paths safely. */
final class Lookup {
    private Lookup() {
    }

    static JsonNode item(JsonNode list, String id, String notFoundCode) {
        for (JsonNode item : list.path("items")) {
            if (id.equals(item.path("id").asText())) {
                return item;
            }
        }
        throw new ApiCallException(404, notFoundCode, "There is no " + id);
    }

    /** An id as one path segment: anything but letters, digits, '-' and '_' is escaped. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
