package io.cairn.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.testkit.PostgresShard;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API of one real node with a real PostgreSQL shard. Scheduled flush rounds are 10
 * minutes apart, so only an admin flush writes rows during the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class AdminApiTest {

    private static final String TOKEN = "test-admin-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ENTRIES = 250;

    @TempDir
    static Path directory;

    private PostgresShard shard;
    private InJvmNode node;

    @BeforeAll
    void startNode() {
        shard = PostgresShard.start("shard-0", directory);
        node = InJvmNode.start(directory, shard, TOKEN, "10m");
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
        if (shard != null) {
            shard.close();
        }
    }

    public record Item(int number, String text) {
    }

    @Test
    void missingTokenIsUnauthorized() {
        HttpResponse<String> response = node.get("/admin/cluster", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("message").asString()).contains("Missing bearer token");
    }

    @Test
    void wrongTokenIsUnauthorized() {
        HttpResponse<String> response = node.get("/admin/cluster", TOKEN + "x");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("message").asString()).contains("Invalid bearer token");
    }

    @Test
    void wrongTokenOnPostChangesNothing() {
        HttpResponse<String> response = node.post("/admin/state", "wrong", "{\"state\":\"PASSIVE\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode cluster = JSON.readTree(node.get("/admin/cluster", TOKEN).body());
        assertThat(cluster.path("clusterState").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void rightTokenShowsCluster() {
        HttpResponse<String> response = node.get("/admin/cluster", TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("clusterName").asString()).isEqualTo(node.clusterName());
        assertThat(body.path("clusterState").asString()).isEqualTo("ACTIVE");
        assertThat(body.path("clusterSafe").asBoolean()).isTrue();
        JsonNode members = body.path("members");
        assertThat(members.size()).isEqualTo(1);
        assertThat(members.get(0).path("address").asString()).isEqualTo(node.memberAddress());
        assertThat(members.get(0).path("local").asBoolean()).isTrue();
        assertThat(members.get(0).path("partitions").asInt()).isEqualTo(body.path("partitionCount").asInt());
        assertThat(body.path("partitionCount").asInt()).isPositive();
    }

    @Test
    void stateRoundTrip() {
        HttpResponse<String> frozen = node.post("/admin/state", TOKEN, "{\"state\":\"FROZEN\"}");
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(200);
        assertThat(JSON.readTree(frozen.body()).path("previous").asString()).isEqualTo("ACTIVE");
        assertThat(JSON.readTree(node.get("/admin/cluster", TOKEN).body()).path("clusterState").asString())
                .isEqualTo("FROZEN");

        HttpResponse<String> active = node.post("/admin/state", TOKEN, "{\"state\":\"active\"}");
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        assertThat(JSON.readTree(active.body()).path("state").asString()).isEqualTo("ACTIVE");
        assertThat(JSON.readTree(node.get("/admin/cluster", TOKEN).body()).path("clusterState").asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void invalidStateNamesAllowedValues() {
        HttpResponse<String> response = node.post("/admin/state", TOKEN, "{\"state\":\"ASLEEP\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("message").asString())
                .contains("'ASLEEP'", "ACTIVE", "NO_MIGRATION", "FROZEN", "PASSIVE");
    }

    @Test
    void malformedStateBodyIsBadRequest() {
        HttpResponse<String> response = node.post("/admin/state", TOKEN, "not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("message").asString()).contains("JSON object");
    }

    @Test
    void flushWritesRowsToPostgres() throws SQLException {
        Map<String, Item> written = new HashMap<>();
        try (CairnClient client = CairnClient.builder().clusterName(node.clusterName()).addresses(node.memberAddress())
                .connectTimeout(Duration.ofSeconds(30)).build()) {
            CairnCache<Item> cache = client.cache(InJvmNode.CACHE, Item.class);
            for (int i = 0; i < ENTRIES; i++) {
                written.put("flush-" + i, new Item(i, "item " + i));
            }
            cache.putAll(written);
        }

        JsonNode maps = JSON.readTree(node.get("/admin/maps", TOKEN).body());
        JsonNode items = findByName(maps.path("maps"), "cache." + InJvmNode.CACHE);
        assertThat(items.path("dirtyEntries").asLong()).isEqualTo(ENTRIES);
        assertThat(items.path("clusterEntries").asLong()).isEqualTo(ENTRIES);
        assertThat(items.path("localEntries").asLong()).isEqualTo(ENTRIES);
        assertThat(rowCount()).isZero();

        HttpResponse<String> response = node.post("/admin/flush?timeoutSeconds=60", TOKEN, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body()).path("result");
        assertThat(result.path("complete").asBoolean()).as(response.body()).isTrue();
        assertThat(result.path("dirtyBefore").asLong()).isEqualTo(ENTRIES);
        assertThat(result.path("rowsWritten").asLong()).isEqualTo(ENTRIES);
        assertThat(result.path("remaining").asLong()).isZero();
        assertThat(rowCount()).isEqualTo(ENTRIES);

        JsonNode shards = JSON.readTree(node.get("/admin/shards", TOKEN).body()).path("shards");
        assertThat(shards.size()).isEqualTo(1);
        assertThat(shards.get(0).path("name").asString()).isEqualTo("shard-0");
        assertThat(shards.get(0).path("circuit").asString()).isEqualTo("CLOSED");
        assertThat(shards.get(0).path("rowsFlushed").asLong()).isEqualTo(ENTRIES);
        assertThat(shards.get(0).path("dirtyEntries").asLong()).isZero();
    }

    @Test
    void clusterFlushAnswersPerMember() {
        HttpResponse<String> response = node.post("/admin/flush?cluster=true&timeoutSeconds=30", TOKEN, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("complete").asBoolean()).as(response.body()).isTrue();
        assertThat(body.path("members").size()).isEqualTo(1);
        assertThat(body.path("members").get(0).path("member").asString()).isEqualTo(node.memberAddress());
    }

    @Test
    void flushTimeoutOutOfRangeIsBadRequest() {
        HttpResponse<String> response = node.post("/admin/flush?timeoutSeconds=0", TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("message").asString()).contains("timeoutSeconds");
    }

    @Test
    void statusDataNeedsNoToken() {
        HttpResponse<String> response = node.get("/status/data", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("members").size()).isEqualTo(1);
        assertThat(body.path("members").get(0).path("reachable").asBoolean()).isTrue();
        assertThat(body.path("shards").get(0).path("name").asString()).isEqualTo("shard-0");
        assertThat(response.body()).doesNotContain(TOKEN, shard.password(), "jdbc:");
    }

    @Test
    void statusPageIsSelfContained() {
        HttpResponse<String> response = node.get("/status", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'", "script-src 'self'"));
        assertThat(response.body()).contains("/status/status.js").doesNotContain("http://", "https://");
        assertThat(node.get("/status/status.js", null).statusCode()).isEqualTo(200);
    }

    private long rowCount() throws SQLException {
        try (Connection connection = DriverManager.getConnection(shard.jdbcUrl(), shard.username(), shard.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM cairn_cache_items")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static JsonNode findByName(JsonNode array, String name) {
        for (JsonNode element : array.values()) {
            if (name.equals(element.path("name").asString())) {
                return element;
            }
        }
        throw new AssertionError("No entry named " + name + " in " + array);
    }
}
