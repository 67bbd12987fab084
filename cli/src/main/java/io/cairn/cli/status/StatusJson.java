package io.cairn.cli.status;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders node statuses as a JSON array: one object per node with its health document or error. */
final class StatusJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private StatusJson() {
    }

    static String render(List<StatusCommand.NodeStatus> statuses) {
        ArrayNode array = JSON.createArrayNode();
        for (StatusCommand.NodeStatus status : statuses) {
            ObjectNode entry = array.addObject();
            entry.put("node", status.node().toString());
            entry.put("reachable", status.reachable());
            if (status.reachable()) {
                entry.put("httpStatus", status.health().httpStatus());
                entry.set("health", parse(status.health().json()));
            } else {
                entry.put("error", status.error());
            }
        }
        return JSON.writeValueAsString(array);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().stringNode(json);
        }
    }
}
