package io.cairn.node.persistence;

import io.cairn.protocol.BackpressureException;
import io.cairn.protocol.StoredEntry;
import io.cairn.testkit.PostgresShard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Write-behind against real members in this JVM and two real PostgreSQL shards. */
class WriteBehindTest {

    private static final Duration FLUSH_WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path workDirectory;

    private static PostgresShard shardA;
    private static PostgresShard shardB;

    @BeforeAll
    static void startShards() {
        shardA = PostgresShard.start("shard-a", workDirectory);
        shardB = PostgresShard.start("shard-b", workDirectory);
    }

    @AfterAll
    static void stopShards() {
        if (shardA != null) {
            shardA.close();
        }
        if (shardB != null) {
            shardB.close();
        }
    }

    @Test
    void mixedWritesReachTheirShards() throws SQLException {
        Map<String, String> expected = new LinkedHashMap<>();
        try (InJvmGrid grid = InJvmGrid.start(2, List.of(shardA, shardB), "{flush-interval: 100ms}")) {
            for (int i = 0; i < 2_000; i++) {
                String key = "mixed-" + i;
                grid.put(key, json(key, 1));
                expected.put(key, key + "#1");
            }
            for (int i = 0; i < 2_000; i += 4) {
                String key = "mixed-" + i;
                grid.delete(key);
                expected.put(key, null);
            }
            for (int i = 1; i < 2_000; i += 4) {
                String key = "mixed-" + i;
                grid.put(key, json(key, 2));
                expected.put(key, key + "#2");
            }

            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("mixed-")).isEqualTo(withoutDeleted(expected)));
            await().atMost(FLUSH_WAIT).until(() -> grid.dirtyEntries() == 0);
            assertThat(rowCount(shardA, "mixed-")).isPositive();
            assertThat(rowCount(shardB, "mixed-")).isPositive();
        }
    }

    @Test
    void hotKeyUpdatesCoalesce() {
        try (InJvmGrid grid = InJvmGrid.start(1, List.of(shardA, shardB), "{flush-interval: 2s}")) {
            double rowsBefore = grid.counterTotal("cairn.flush.rows");
            for (int i = 1; i <= 1_000; i++) {
                grid.put("hot", json("hot", i));
            }

            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("hot")).containsEntry("hot", "hot#1000"));
            assertThat(grid.counterTotal("cairn.flush.rows") - rowsBefore).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void rejectedValueIsDeadLetteredAndBatchLands() throws SQLException {
        try (InJvmGrid grid = InJvmGrid.start(1, List.of(shardA), "{flush-interval: 500ms}")) {
            for (int i = 0; i < 50; i++) {
                grid.put("batch-" + i, json("batch-" + i, 1));
            }
            // PostgreSQL jsonb cannot store U+0000; the SDK rejects it, a raw Hazelcast client can still send it.
            grid.put("batch-poison", "{\"text\":\"a\\u0000b\"}");

            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("batch-")).hasSize(50));
            await().atMost(FLUSH_WAIT).until(() -> grid.counterTotal("cairn.flush.dead.letters") >= 1);
            assertThat(deadLetterErrors(shardA, "batch-poison")).singleElement().asString().contains("Unicode");
            await().atMost(FLUSH_WAIT).until(() -> grid.dirtyEntries() == 0);
        }
    }

    @Test
    void replayedOlderStoreNeverResurrectsDelete() throws SQLException {
        try (InJvmGrid grid = InJvmGrid.start(1, List.of(shardA), "{flush-interval: 100ms}")) {
            grid.put("fence", json("fence", 1));
            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("fence")).containsEntry("fence", "fence#1"));
            StoredEntry firstVersion = grid.map().get("fence");

            grid.delete("fence");
            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("fence")).isEmpty());
            await().atMost(FLUSH_WAIT).until(() -> grid.map().get("fence") == null);

            ShardStore store = storeOf(grid);
            FlushRow replay = new FlushRow(InJvmGrid.MAP, "fence", 0, firstVersion, 0);
            assertThat(store.upsert(InJvmGrid.MAP, List.of(replay))).isEmpty();
            assertThat(liveRows("fence")).isEmpty();
            assertThat(grid.read("fence")).isNull();

            grid.put("fence", json("fence", 3));
            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("fence")).containsEntry("fence", "fence#3"));
            assertThat(store.upsert(InJvmGrid.MAP, List.of(replay))).isEmpty();
            assertThat(liveRows("fence")).containsEntry("fence", "fence#3");
        }
    }

    @Test
    void downShardAppliesBackpressureAndLosesNothing() {
        Map<String, String> acknowledged = new HashMap<>();
        try (InJvmGrid grid = InJvmGrid.start(1, List.of(shardB),
                "{flush-interval: 100ms, batch-size: 50, max-dirty-entries: 300, retry-max-backoff: 1s}")) {
            shardB.stop();
            try {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        String key = "pressure-" + i;
                        grid.put(key, json(key, 1));
                        acknowledged.put(key, key + "#1");
                    }
                }).isInstanceOf(BackpressureException.class).hasMessageContaining("max-dirty-entries");
                assertThat(acknowledged).hasSize(300);
            } finally {
                shardB.start();
            }

            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("pressure-")).isEqualTo(acknowledged));
            grid.put("pressure-after", json("pressure-after", 1));
            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("pressure-after")).hasSize(1));
        }
    }

    @Test
    void fullRestartReadsThroughWithRemainingTtl() throws SQLException {
        long expiresAt;
        try (InJvmGrid grid = InJvmGrid.start(2, List.of(shardA, shardB), "{flush-interval: 200ms}")) {
            for (int i = 0; i < 200; i++) {
                grid.put("restart-" + i, json("restart-" + i, 1));
            }
            grid.put("restart-ttl", json("restart-ttl", 1), Duration.ofMinutes(10));
            grid.put("restart-short", json("restart-short", 1), Duration.ofSeconds(2));
            expiresAt = grid.map().get("restart-ttl").expiresAtMillis();
            grid.shutdownGracefully();
        }
        assertThat(liveRows("restart-")).hasSize(202);

        try (InJvmGrid grid = InJvmGrid.start(2, List.of(shardA, shardB), "{flush-interval: 200ms}")) {
            assertThat(grid.map().size()).isZero();
            for (int i = 0; i < 200; i++) {
                assertThat(grid.read("restart-" + i)).contains("restart-" + i + "#1");
            }
            assertThat(grid.read("restart-ttl")).contains("restart-ttl#1");
            assertThat(grid.map().get("restart-ttl").expiresAtMillis()).isEqualTo(expiresAt);
            await().atMost(Duration.ofSeconds(10)).until(() -> grid.read("restart-short") == null);
        }
    }

    @Test
    void orderingHoldsAcrossMigrations() throws SQLException {
        Map<String, String> expected = new HashMap<>();
        Map<String, List<StoredEntry>> history = new HashMap<>();
        try (InJvmGrid grid = InJvmGrid.start(2, List.of(shardA, shardB), "{flush-interval: 50ms}")) {
            for (int round = 0; round < 6; round++) {
                if (round == 2) {
                    grid.startMember(2);
                }
                if (round == 4) {
                    grid.shutdownMember(0);
                }
                for (int i = 0; i < 300; i++) {
                    String key = "order-" + i;
                    if ((round + i) % 3 == 1) {
                        grid.delete(key);
                        expected.remove(key);
                    } else {
                        grid.put(key, json(key, round));
                        expected.put(key, key + "#" + round);
                    }
                    StoredEntry written = grid.map().get(key);
                    if (written != null) {
                        history.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(written);
                    }
                }
            }

            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("order-")).isEqualTo(expected));
            await().atMost(FLUSH_WAIT).until(() -> grid.dirtyEntries() == 0);
        }

        // Replaying every earlier version of every key, as a late flush from a former owner would,
        // must change no row.
        for (PostgresShard shard : List.of(shardA, shardB)) {
            ShardStore store = new ShardStore(org.jdbi.v3.core.Jdbi.create(shard.jdbcUrl(), shard.username(),
                    shard.password()), List.of(InJvmGrid.MAP));
            Map<String, Long> rowsOnShard = store.storedVersions(InJvmGrid.MAP, history.keySet());
            for (Map.Entry<String, List<StoredEntry>> versions : history.entrySet()) {
                if (!rowsOnShard.containsKey(versions.getKey())) {
                    continue;
                }
                List<StoredEntry> written = versions.getValue();
                for (StoredEntry older : written.subList(0, written.size() - 1)) {
                    store.upsert(InJvmGrid.MAP, List.of(new FlushRow(InJvmGrid.MAP, versions.getKey(), 0, older, 0)));
                }
            }
        }
        assertThat(liveRows("order-")).isEqualTo(expected);
    }

    @Test
    void concurrentMissesLoadOnce() throws Exception {
        try (InJvmGrid grid = InJvmGrid.start(1, List.of(shardA, shardB), "{flush-interval: 100ms}")) {
            grid.put("contended", json("contended", 1));
            grid.shutdownGracefully();
        }

        try (InJvmGrid grid = InJvmGrid.start(2, List.of(shardA, shardB), "{flush-interval: 100ms}")) {
            java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(16);
            try {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<String>> reads = new java.util.ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    reads.add(readers.submit(() -> {
                        start.await();
                        return grid.read("contended");
                    }));
                }
                start.countDown();
                for (java.util.concurrent.Future<String> read : reads) {
                    assertThat(read.get()).contains("contended#1");
                }
            } finally {
                readers.shutdownNow();
            }
            assertThat(grid.counterTotal("cairn.loads")).isEqualTo(1.0);
        }
    }

    @Test
    void idleCleanEntryLeavesMemoryAndReloads() throws SQLException {
        try (InJvmGrid grid = InJvmGrid.start(1, List.of(shardA), "{flush-interval: 100ms}",
                "{backup-count: 1, max-idle: 1s}")) {
            grid.put("idle-1", json("idle-1", 1));
            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("idle-1")).hasSize(1));

            // size() does not count as an access, unlike containsKey or get.
            await().atMost(Duration.ofSeconds(40)).until(() -> grid.map().size() == 0);
            assertThat(grid.read("idle-1")).contains("idle-1#1");
            assertThat(grid.map().containsKey("idle-1")).isTrue();
        }
    }

    @Test
    void idleDirtyEntryStaysInMemory() {
        try (InJvmGrid grid = InJvmGrid.start(1, List.of(shardB), "{flush-interval: 100ms, retry-max-backoff: 1s}",
                "{backup-count: 1, max-idle: 1s}")) {
            shardB.stop();
            try {
                grid.put("idle-dirty", json("idle-dirty", 1));
                await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15)).until(() -> true);
                assertThat(grid.map().get("idle-dirty").isDirty()).isTrue();
            } finally {
                shardB.start();
            }
            await().atMost(FLUSH_WAIT).untilAsserted(() -> assertThat(liveRows("idle-dirty")).hasSize(1));
        }
    }

    private static ShardStore storeOf(InJvmGrid grid) {
        return new ShardStore(org.jdbi.v3.core.Jdbi.create(shardA.jdbcUrl(), shardA.username(), shardA.password()),
                List.of(InJvmGrid.MAP));
    }

    private static String json(String key, int generation) {
        return "{\"v\":\"" + key + "#" + generation + "\"}";
    }

    private static Map<String, String> withoutDeleted(Map<String, String> expected) {
        Map<String, String> live = new HashMap<>();
        expected.forEach((key, value) -> {
            if (value != null) {
                live.put(key, value);
            }
        });
        return live;
    }

    /** Returns key to the "v" field of every live row whose key starts with {@code prefix}, over both shards. */
    private static Map<String, String> liveRows(String prefix) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        for (PostgresShard shard : List.of(shardA, shardB)) {
            if (!shard.isRunning()) {
                continue;
            }
            try (Connection connection = shard.connect();
                 PreparedStatement statement = connection.prepareStatement(
                         "SELECT key, value->>'v' FROM cairn_cache_items WHERE NOT deleted AND key LIKE ?")) {
                statement.setString(1, prefix + "%");
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        String previous = rows.put(result.getString(1), result.getString(2));
                        assertThat(previous).as("key %s stored on two shards", result.getString(1)).isNull();
                    }
                }
            } catch (SQLException e) {
                if (!"42P01".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return rows;
    }

    private static int rowCount(PostgresShard shard, String prefix) throws SQLException {
        try (Connection connection = shard.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM cairn_cache_items WHERE key LIKE ?")) {
            statement.setString(1, prefix + "%");
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static List<String> deadLetterErrors(PostgresShard shard, String key) throws SQLException {
        try (Connection connection = shard.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT error FROM cairn_dead_letters WHERE key = ?")) {
            statement.setString(1, key);
            try (ResultSet result = statement.executeQuery()) {
                List<String> errors = new java.util.ArrayList<>();
                while (result.next()) {
                    errors.add(result.getString(1));
                }
                return errors;
            }
        }
    }
}
