package io.cairn.sample;

import io.cairn.client.CairnClient;
import io.cairn.client.SessionListener;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.StoredEntry;
import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the sample application over real HTTP against three node JVMs and one PostgreSQL shard.
 * A logged-in session survives SIGKILL of its owner and a restart of the whole cluster. After its
 * max inactive interval it leaves the grid and PostgreSQL. It starts the cluster twice and takes
 * about two minutes on two cores.
 */
class SessionLifecycleTest {

    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final int SHORT_INTERVAL_SECONDS = 5;

    @TempDir
    Path workDirectory;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sessionSurvivesFailuresThenExpires() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder()
                .nodes(3)
                .shards(1)
                .writeBehind("tombstone-retention", "2s")
                .workDirectory(workDirectory)
                .start();
             CairnClient observer = cluster.clientBuilder().build();
             ConfigurableApplicationContext app = startApplication(cluster)) {

            Browser browser = new Browser(app.getEnvironment().getProperty("local.server.port"));
            String id = browser.send("POST", "/login?user=alice", null).body();
            assertThat(browser.send("PUT", "/attributes/color", "blue").statusCode()).isEqualTo(204);
            assertThat(browser.send("PUT", "/attributes/size", "L").statusCode()).isEqualTo(204);
            assertThat(browser.send("GET", "/sessions?principal=alice", null).body()).contains(id);

            NodeProcess owner = ownerOf(cluster, observer, id);
            owner.kill();
            cluster.awaitClusterSafe(SAFE_TIMEOUT);
            awaitAttribute(browser, "color", "blue");
            assertThat(browser.send("GET", "/attributes/size", null).body()).isEqualTo("L");
            assertThat(browser.send("GET", "/me", null).body()).isEqualTo("alice");

            cluster.stopAll();
            assertThat(liveRows(cluster, id)).as("session row after the flush on shutdown").isEqualTo(1);
            cluster.startAll();
            cluster.awaitClusterSafe(SAFE_TIMEOUT);
            awaitAttribute(browser, "color", "blue");
            assertThat(browser.send("GET", "/attributes/size", null).body()).isEqualTo("L");
            assertThat(browser.send("GET", "/sessions?principal=alice", null).body()).contains(id);

            List<String> expired = new CopyOnWriteArrayList<>();
            observer.sessions().addListener(new SessionListener() {
                @Override
                public void expired(String sessionId) {
                    expired.add(sessionId);
                }
            });
            assertThat(browser.send("POST", "/session/max-inactive-interval?seconds=" + SHORT_INTERVAL_SECONDS, null)
                    .statusCode()).isEqualTo(204);

            await("session leaves the grid").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> observer.hazelcast().<String, StoredEntry>getMap(MapNames.SESSIONS).get(id) == null);
            await("expired event").atMost(Duration.ofSeconds(10)).until(() -> expired.contains(id));
            await("row purged from PostgreSQL").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> anyRows(cluster, id) == 0);
            assertThat(browser.send("GET", "/attributes/color", null).statusCode()).isEqualTo(401);
            assertThat(browser.send("GET", "/sessions?principal=alice", null).body()).doesNotContain(id);
        }
    }

    private static ConfigurableApplicationContext startApplication(LocalCluster cluster) {
        return new SpringApplicationBuilder(SampleWebApplication.class).properties(
                "spring.config.name=" + SampleWebApplication.CONFIG_NAME,
                "server.port=0",
                "server.address=127.0.0.1",
                "cairn.client.members=" + String.join(",", cluster.memberAddresses()),
                "cairn.client.cluster-name=" + cluster.clusterName(),
                "cairn.session.max-inactive-interval=10m").run();
    }

    /** Finds the node whose member owns the partition of {@code id}. */
    private static NodeProcess ownerOf(LocalCluster cluster, CairnClient client, String id) {
        int ownerPort = client.hazelcast().getPartitionService().getPartition(id).getOwner().getAddress().getPort();
        return cluster.liveNodes().stream()
                .filter(node -> node.memberPort() == ownerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no live node has member port " + ownerPort));
    }

    /** Waits until the application serves the attribute again, while its client reconnects. */
    private static void awaitAttribute(Browser browser, String name, String expected) {
        await("attribute " + name).atMost(RECOVERY_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> response = browser.send("GET", "/attributes/" + name, null);
            return response.statusCode() == 200 && expected.equals(response.body());
        });
    }

    private static int liveRows(LocalCluster cluster, String id) throws SQLException {
        return countRows(cluster, "SELECT count(*) FROM cairn_sessions WHERE key = ? AND NOT deleted", id);
    }

    private static int anyRows(LocalCluster cluster, String id) throws SQLException {
        return countRows(cluster, "SELECT count(*) FROM cairn_sessions WHERE key = ?", id);
    }

    private static int countRows(LocalCluster cluster, String sql, String id) throws SQLException {
        try (Connection connection = cluster.shard(0).connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** An HTTP client that keeps cookies, like a browser. */
    private static final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final String baseUri;

        Browser(String port) {
            this.baseUri = "http://127.0.0.1:" + port;
        }

        HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/plain")
                    .method(method, publisher)
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
