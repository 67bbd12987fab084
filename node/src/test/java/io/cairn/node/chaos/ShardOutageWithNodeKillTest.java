package io.cairn.node.chaos;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.client.CairnException;
import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeHealth;
import io.cairn.testkit.NodeProcess;
import io.cairn.testkit.PostgresShard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two shards, three node JVMs, backup count 1: mixed writes, one shard down for 30 seconds, and the
 * node owning the most dirty entries killed with SIGKILL during the outage. Afterwards every key's
 * row must equal its last acknowledged write, and no deleted key may have a live row.
 */
class ShardOutageWithNodeKillTest {

    private static final int KEYS = 20_000;
    private static final int THREADS = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    /** Last acknowledged state per key: the value, or {@link Optional#empty()} for a delete. */
    private final Map<String, Optional<String>> acknowledged = new ConcurrentHashMap<>();

    @TempDir
    Path workDirectory;

    @Test
    void noAcknowledgedWriteIsLost() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder()
                .nodes(3)
                .shards(2)
                .cache("items", 1)
                .writeBehind("flush-interval", "200ms")
                .writeBehind("retry-max-backoff", "2s")
                .workDirectory(workDirectory)
                .start();
             CairnClient client = cluster.clientBuilder().operationTimeout(Duration.ofSeconds(30)).build()) {

            CairnCache<Item> items = client.cache("items", Item.class);
            runWriters(items, 0, KEYS, 3);

            PostgresShard downShard = cluster.shard(0);
            downShard.stop();
            long outageStarted = System.currentTimeMillis();

            runWriters(items, 0, KEYS / 2, 1);
            NodeProcess victim = nodeWithMostDirtyEntries(cluster);
            victim.kill();
            runWriters(items, KEYS / 2, KEYS, 1);
            cluster.awaitClusterSafe(Duration.ofMinutes(2));

            long remainingOutage = OUTAGE.toMillis() - (System.currentTimeMillis() - outageStarted);
            if (remainingOutage > 0) {
                await().pollDelay(Duration.ofMillis(remainingOutage)).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
            }
            downShard.start();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> liveDirtyEntries(cluster) == 0);

            Map<String, String> rows = liveRows(cluster);
            List<String> mismatches = new ArrayList<>();
            for (Map.Entry<String, Optional<String>> expected : acknowledged.entrySet()) {
                String row = rows.get(expected.getKey());
                String expectedValue = expected.getValue().orElse(null);
                if (expectedValue == null ? row != null : !expectedValue.equals(row)) {
                    mismatches.add(expected.getKey() + ": expected " + expectedValue + ", row " + row);
                }
            }
            assertThat(acknowledged).hasSize(KEYS);
            assertThat(mismatches).as("keys whose row differs from the last acknowledged write").isEmpty();
        }
    }

    /** Writes keys [from, to) from several threads; each key gets {@code rounds} puts, and some a delete. */
    private void runWriters(CairnCache<Item> items, int from, int to, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int offset = thread;
                futures.add(pool.submit(() -> {
                    for (int i = from + offset; i < to; i += THREADS) {
                        writeKey(items, "key-" + i, rounds);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void writeKey(CairnCache<Item> items, String key, int rounds) {
        for (int round = 0; round < rounds; round++) {
            String value = key + "@" + System.nanoTime();
            retry(() -> items.put(key, new Item(value)));
            acknowledged.put(key, Optional.of(value));
        }
        if (ThreadLocalRandom.current().nextInt(10) == 0) {
            retry(() -> items.delete(key));
            acknowledged.put(key, Optional.empty());
        }
    }

    /**
     * Repeats a write until it is acknowledged. A write that failed may still have been applied, but
     * the retry supersedes it with the same intent, so the last acknowledged state stays well defined.
     */
    private static void retry(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (CairnException e) {
                if (!e.isRetryable() || attempt >= 100) {
                    throw e;
                }
                await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> true);
            }
        }
    }

    private static NodeProcess nodeWithMostDirtyEntries(LocalCluster cluster) {
        NodeProcess busiest = null;
        long maxDirty = -1;
        for (NodeProcess node : cluster.liveNodes()) {
            long dirty = node.health().shards().stream().mapToLong(NodeHealth.ShardHealth::dirtyEntries).sum();
            if (dirty > maxDirty) {
                maxDirty = dirty;
                busiest = node;
            }
        }
        assertThat(maxDirty).as("dirty entries on the busiest node during the outage").isPositive();
        return busiest;
    }

    private static long liveDirtyEntries(LocalCluster cluster) {
        long dirty = 0;
        for (NodeProcess node : cluster.liveNodes()) {
            dirty += node.health().shards().stream().mapToLong(NodeHealth.ShardHealth::dirtyEntries).sum();
        }
        return dirty;
    }

    private static Map<String, String> liveRows(LocalCluster cluster) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        for (PostgresShard shard : cluster.shards()) {
            try (Connection connection = shard.connect();
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(
                         "SELECT key, value->>'value' FROM cairn_cache_items WHERE NOT deleted")) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getString(2));
                }
            }
        }
        return rows;
    }

    /** Value type of the test cache. */
    public record Item(String value) {
    }
}
