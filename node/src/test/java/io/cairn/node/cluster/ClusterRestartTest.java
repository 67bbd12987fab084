package io.cairn.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.client.CairnException;
import io.cairn.testkit.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes as separate JVMs, memory-only: a client that stays open while every node stops with
 * SIGTERM and starts again serves puts and gets afterwards, through the same client and cache objects.
 */
class ClusterRestartTest {

    private static final String CACHE = "restart";
    private static final int ENTRIES_AFTER_RESTART = 200;
    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RECONNECT_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path workDirectory;

    /** A JSON value with a number and a text. */
    public record Item(int number, String text) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void clientServesAfterFullRestart() {
        try (LocalCluster cluster = LocalCluster.builder()
                .nodes(3)
                .cache(CACHE, 1)
                .workDirectory(workDirectory)
                .start();
             CairnClient client = cluster.clientBuilder().build()) {

            CairnCache<Item> cache = client.cache(CACHE, Item.class);
            cache.put("before-restart", new Item(0, "written before the restart"));
            assertThat(cache.get("before-restart")).isEqualTo(new Item(0, "written before the restart"));

            List<Integer> exitCodes = cluster.stopAll();
            assertThat(cluster.liveNodes()).isEmpty();
            // A graceful stop ends with 0 or with the JVM's SIGTERM status; SIGKILL would give 137.
            assertThat(exitCodes).as("exit status of each node after SIGTERM").containsOnly(0);

            cluster.startAll();
            cluster.awaitClusterSafe(SAFE_TIMEOUT);
            assertThat(cluster.liveNodes()).hasSize(3);

            // The client reconnects on its own; until then calls fail with a retryable exception.
            Item first = new Item(1, "first write after the restart");
            await("client reconnect after the cluster restart")
                    .atMost(RECONNECT_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsMatching(e -> e instanceof CairnException cairn && cairn.isRetryable())
                    .untilAsserted(() -> {
                        cache.put("after-restart-1", first);
                        assertThat(cache.get("after-restart-1")).isEqualTo(first);
                    });

            for (int i = 2; i <= ENTRIES_AFTER_RESTART; i++) {
                cache.put("after-restart-" + i, new Item(i, "write " + i + " after the restart"));
            }
            for (int i = 1; i <= ENTRIES_AFTER_RESTART; i++) {
                Item expected = i == 1 ? first : new Item(i, "write " + i + " after the restart");
                assertThat(cache.get("after-restart-" + i)).as("value of after-restart-%d", i).isEqualTo(expected);
            }
            assertThat(cache.containsKey("after-restart-" + ENTRIES_AFTER_RESTART)).isTrue();
        }
    }
}
