package io.gatehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints API answers: as aligned tables (the default), as {@code field: value} lines, or as the API's JSON. */
final class Output {
    private final PrintWriter out;
    private final ObjectMapper mapper;
    private final boolean json;

    Output(PrintWriter out, ObjectMapper mapper, boolean json) {
        this.out = out;
        this.mapper = mapper;
        this.json = json;
    }

    /** A list answer ({@code {"items": [...]}}) as a table of the given fields, or as JSON. */
    void table(JsonNode answer, String... fields) {
        if (json) {
            printJson(answer);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(Arrays.stream(fields).map(Output::heading).toArray(String[]::new));
        for (JsonNode item : answer.path("items")) {
            rows.add(Arrays.stream(fields).map(field -> text(item.path(field))).toArray(String[]::new));
        }
        int[] widths = new int[fields.length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** One resource as {@code field: value} lines, or as JSON. */
    void resource(JsonNode answer) {
        if (json) {
            printJson(answer);
            return;
        }
        for (Map.Entry<String, JsonNode> field : answer.properties()) {
            out.println(field.getKey() + ": " + text(field.getValue()));
        }
        out.flush();
    }

    void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    private void printJson(JsonNode answer) {
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print JSON", e);
        }
    }

    private static String heading(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull() || value.isContainerNode() && value.isEmpty()) {
            return "-";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(part.asText()));
            return String.join(",", parts);
        }
        return value.asText();
    }
}
