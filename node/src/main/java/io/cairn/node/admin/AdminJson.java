package io.cairn.node.admin;

import tools.jackson.databind.json.JsonMapper;

/** JSON mapping for admin documents that leave the Spring MVC message converters: errors and member reports. */
final class AdminJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AdminJson() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }
}
