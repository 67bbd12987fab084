package io.cairn.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeProcess;
import io.cairn.testkit.PostgresShard;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Operations on a real cluster: three node JVMs and one PostgreSQL shard. The tests share the
 * cluster to save start-up time and run in order: the status page with three members, then a
 * fourth node joins under write load, then a node drains under write load.
 *
 * <p>Set the system property {@value #SCREENSHOT_PROPERTY} to a file path to keep the status page
 * screenshot there; otherwise it goes to the test's work directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterOperationsTest {

    static final String SCREENSHOT_PROPERTY = "cairn.statusScreenshot";

    private static final String CACHE = "orders";
    private static final String TABLE = "cairn_cache_orders";
    private static final int BACKLOG_ENTRIES = 300;
    private static final int WRITER_KEYS = 2_000;
    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(2);
    /** Generous, because node JVMs start slowly on a busy 2-core machine. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DRAIN_EXIT_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern MEMBER_ROW = Pattern.compile("<tr class=\"member\"");
    private static final Pattern SHARD_BACKLOG = Pattern.compile(
            "<td class=\"[^\"]*shard-backlog[^\"]*\" data-value=\"(\\d+)\"");

    @TempDir
    static Path workDirectory;

    private LocalCluster cluster;
    private CairnClient client;
    private CairnCache<AckedWriter.Value> cache;

    @BeforeAll
    void startCluster() {
        cluster = LocalCluster.builder()
                .nodes(3)
                .shards(1)
                .cache(CACHE, 1)
                .maxHeap("384m")
                .writeBehind("flush-interval", "200ms")
                .writeBehind("retry-max-backoff", "1s")
                .workDirectory(workDirectory)
                .startupTimeout(STARTUP_TIMEOUT)
                .start();
        client = cluster.clientBuilder().build();
        cache = client.cache(CACHE, AckedWriter.Value.class);
    }

    @AfterAll
    void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void statusPageShowsMembersAndBacklog() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(workDirectory);
        URI node = cluster.node(0).httpUri();
        PostgresShard shard = cluster.shard(0);

        shard.stop();
        try {
            Map<String, AckedWriter.Value> backlog = new HashMap<>();
            for (int i = 0; i < BACKLOG_ENTRIES; i++) {
                backlog.put("backlog-" + i, new AckedWriter.Value(i, "backlog-" + i));
            }
            cache.putAll(backlog);
            Awaitility.await("backlog of shard-0 on the status data").atMost(Duration.ofSeconds(30))
                    .until(() -> shardBacklog(node) == BACKLOG_ENTRIES);

            String dom = chromium.dumpDom(node.resolve("/status"));

            assertThat(count(MEMBER_ROW, dom)).as("member rows in the rendered page:%n%s", dom).isEqualTo(3);
            assertThat(dom).contains("<span id=\"member-count\">3</span>");
            Matcher backlogCell = SHARD_BACKLOG.matcher(dom);
            assertThat(backlogCell.find()).as("shard backlog cell in the rendered page:%n%s", dom).isTrue();
            assertThat(Long.parseLong(backlogCell.group(1))).isEqualTo(BACKLOG_ENTRIES);
            assertThat(dom).contains(String.format("%,d", BACKLOG_ENTRIES));

            chromium.screenshot(node.resolve("/status"), screenshotFile());
        } finally {
            shard.start();
        }

        Awaitility.await("backlog written after shard-0 is back").atMost(Duration.ofSeconds(60))
                .until(() -> shardBacklog(node) == 0);
    }

    @Test
    @Order(2)
    void addNodeUnderWriteLoad() {
        AckedWriter writer = new AckedWriter(cache, "join-", WRITER_KEYS);
        Map<String, AckedWriter.Value> acknowledged;
        try {
            awaitAcknowledgedWrites(writer, 200);
            NodeProcess added = cluster.addNode();
            cluster.awaitClusterSafe(SAFE_TIMEOUT);
            awaitAcknowledgedWrites(writer, writer.acknowledgedWrites() + 200);
            acknowledged = writer.stop();

            JsonNode view = AdminHttp.getJson(added.httpUri(), "/admin/cluster", cluster.adminToken());
            assertThat(view.path("members").size()).isEqualTo(4);
            for (JsonNode member : view.path("members").values()) {
                assertThat(member.path("partitions").asInt()).as("partitions of %s", member).isPositive();
            }
            assertThat(view.path("clusterSafe").asBoolean()).isTrue();
        } finally {
            writer.close();
        }

        assertGridHolds(acknowledged);
    }

    @Test
    @Order(3)
    void drainUnderWriteLoad() throws SQLException {
        int drained = 1;
        NodeProcess node = cluster.node(drained);
        NodeProcess survivor = cluster.node(0);
        AckedWriter writer = new AckedWriter(cache, "drain-", WRITER_KEYS);
        Map<String, AckedWriter.Value> acknowledged;
        try {
            awaitAcknowledgedWrites(writer, 200);

            HttpResponse<String> response = AdminHttp.post(node.httpUri(), "/admin/drain", cluster.adminToken(), null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

            Awaitility.await("exit of drained node " + drained).atMost(DRAIN_EXIT_TIMEOUT)
                    .until(() -> !node.isAlive());
            assertThat(node.exitCode()).isZero();
            cluster.awaitClusterSafe(SAFE_TIMEOUT);
            awaitAcknowledgedWrites(writer, writer.acknowledgedWrites() + 200);
            acknowledged = writer.stop();
        } finally {
            writer.close();
        }

        assertGridHolds(acknowledged);

        HttpResponse<String> flush = AdminHttp.post(survivor.httpUri(), "/admin/flush?cluster=true&timeoutSeconds=60",
                cluster.adminToken(), null);
        assertThat(flush.statusCode()).as(flush.body()).isEqualTo(200);
        JsonNode flushBody = AdminHttp.JSON.readTree(flush.body());
        assertThat(flushBody.path("complete").asBoolean()).as(flush.body()).isTrue();
        assertThat(flushBody.path("members").size()).isEqualTo(cluster.liveNodes().size());

        Map<String, Long> stored = storedSequences(cluster.shard(0));
        List<String> wrong = new ArrayList<>();
        acknowledged.forEach((key, value) -> {
            Long sequence = stored.get(key);
            if (sequence == null || sequence != value.sequence()) {
                wrong.add(key + ": acknowledged " + value.sequence() + ", stored " + sequence);
            }
        });
        assertThat(wrong).as("keys whose PostgreSQL row differs from the last acknowledged write").isEmpty();
    }

    private void assertGridHolds(Map<String, AckedWriter.Value> acknowledged) {
        assertThat(acknowledged).isNotEmpty();
        Map<String, AckedWriter.Value> found = new HashMap<>();
        List<String> keys = new ArrayList<>(acknowledged.keySet());
        for (int from = 0; from < keys.size(); from += 500) {
            found.putAll(cache.getAll(keys.subList(from, Math.min(keys.size(), from + 500))));
        }
        List<String> lost = new ArrayList<>();
        acknowledged.forEach((key, value) -> {
            if (!value.equals(found.get(key))) {
                lost.add(key + ": acknowledged " + value + ", found " + found.get(key));
            }
        });
        assertThat(lost).as("acknowledged writes missing from the grid").isEmpty();
    }

    private static void awaitAcknowledgedWrites(AckedWriter writer, long count) {
        Awaitility.await("at least " + count + " acknowledged writes").atMost(Duration.ofSeconds(60))
                .until(() -> writer.acknowledgedWrites() >= count);
    }

    private long shardBacklog(URI node) {
        JsonNode data = AdminHttp.getJson(node, "/status/data", null);
        for (JsonNode shard : data.path("shards").values()) {
            if ("shard-0".equals(shard.path("name").asString())) {
                return shard.path("dirtyEntries").asLong();
            }
        }
        return -1;
    }

    private static Map<String, Long> storedSequences(PostgresShard shard) throws SQLException {
        Map<String, Long> sequences = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(shard.jdbcUrl(), shard.username(), shard.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT key, (value->>'sequence')::bigint FROM " + TABLE + " WHERE NOT deleted")) {
            while (rows.next()) {
                sequences.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sequences;
    }

    private static Path screenshotFile() throws java.io.IOException {
        String configured = System.getProperty(SCREENSHOT_PROPERTY);
        Path file = configured != null && !configured.isBlank()
                ? Path.of(configured) : workDirectory.resolve("status-page.png");
        Files.createDirectories(file.toAbsolutePath().getParent());
        return file;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
