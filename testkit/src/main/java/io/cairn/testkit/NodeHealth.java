package io.cairn.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health of one node as reported by {@code GET /actuator/health}: the overall status, the
 * {@code cluster} component and the {@code persistence} component.
 *
 * @param node base URI of the node's HTTP server
 * @param httpStatus HTTP status of the response (200 when UP, 503 when DOWN or OUT_OF_SERVICE)
 * @param status overall status, for example {@code UP}
 * @param members member addresses that this node reports, in its order
 * @param clusterSafe whether every partition of the cluster has its backups in place; false when unknown
 * @param localMemberSafe whether this member's partitions have their backups in place; false when unknown
 * @param clusterState Hazelcast cluster state, for example {@code ACTIVE}; null when unknown
 * @param dirtyEntries entries on this member not yet written to PostgreSQL; -1 when not reported
 * @param shards state of each PostgreSQL shard as this node sees it
 * @param json the response body
 */
public record NodeHealth(
        URI node,
        int httpStatus,
        String status,
        List<String> members,
        boolean clusterSafe,
        boolean localMemberSafe,
        String clusterState,
        long dirtyEntries,
        List<ShardHealth> shards,
        String json) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One shard as one node reports it.
     *
     * @param name shard name
     * @param circuit circuit breaker state, for example {@code CLOSED}; null when not reported
     * @param consecutiveFailures failed flush batches in a row; -1 when not reported
     * @param dirtyEntries entries of this member waiting to be written to this shard; -1 when not reported
     */
    public record ShardHealth(String name, String circuit, long consecutiveFailures, long dirtyEntries) {
    }

    /**
     * Fetches {@code /actuator/health} from the node at {@code baseUri}, for example
     * {@code http://127.0.0.1:8080}.
     *
     * @throws java.io.UncheckedIOException if the request fails, for example because the node is not running
     * @throws IllegalArgumentException if the body is not a health document
     */
    public static NodeHealth fetch(URI baseUri) {
        return new HealthClient(baseUri).fetch();
    }

    /**
     * Parses a health document. Fields that the node does not report get the documented
     * defaults, so a node that is still starting parses too.
     *
     * @throws IllegalArgumentException if the body is not a JSON object
     */
    public static NodeHealth parse(URI node, int httpStatus, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Health response of " + node + " (HTTP " + httpStatus
                    + ") is not JSON: " + abbreviate(body), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Health response of " + node + " (HTTP " + httpStatus
                    + ") is not a JSON object: " + abbreviate(body));
        }

        JsonNode cluster = root.path("components").path("cluster").path("details");
        JsonNode persistence = root.path("components").path("persistence").path("details");

        return new NodeHealth(
                node,
                httpStatus,
                textOrNull(root.path("status")),
                members(cluster.path("members")),
                cluster.path("clusterSafe").asBoolean(false),
                cluster.path("localMemberSafe").asBoolean(false),
                textOrNull(cluster.path("clusterState")),
                firstLong(persistence, "dirtyEntries"),
                shards(persistence),
                body);
    }

    private static List<String> members(JsonNode array) {
        List<String> members = new ArrayList<>();
        for (JsonNode member : array.values()) {
            if (member.isObject()) {
                String address = textOrNull(member.path("address"));
                members.add(address != null ? address : member.toString());
            } else {
                members.add(member.asString());
            }
        }
        return List.copyOf(members);
    }

    /**
     * Reads shards from the persistence details. A shard is a nested object, either directly
     * under the details or under a {@code shards} object.
     */
    private static List<ShardHealth> shards(JsonNode details) {
        JsonNode container = details.path("shards").isObject() ? details.path("shards") : details;

        List<ShardHealth> shards = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : container.properties()) {
            JsonNode shard = entry.getValue();
            if (!shard.isObject()) {
                continue;
            }
            shards.add(new ShardHealth(
                    entry.getKey(),
                    firstText(shard, "circuit", "circuitState", "state"),
                    firstLong(shard, "consecutiveFailures"),
                    firstLong(shard, "dirtyEntries", "dirty")));
        }
        return List.copyOf(shards);
    }

    private static String firstText(JsonNode object, String... names) {
        for (String name : names) {
            String value = textOrNull(object.path(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static long firstLong(JsonNode object, String... names) {
        for (String name : names) {
            JsonNode value = object.path(name);
            if (value.isNumber()) {
                return value.asLong();
            }
        }
        return -1;
    }

    private static String textOrNull(JsonNode value) {
        return value.isValueNode() && !value.isNull() ? value.asString() : null;
    }

    private static String abbreviate(String body) {
        int limit = 200;
        return body.length() <= limit ? body : body.substring(0, limit) + "...";
    }
}
