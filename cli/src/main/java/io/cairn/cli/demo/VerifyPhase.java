package io.cairn.cli.demo;

import io.cairn.client.CairnCache;
import io.cairn.testkit.PostgresShard;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks every key of both caches against the ledger of last acknowledged writes, twice: in the
 * grid through the SDK, and in PostgreSQL with SQL on every shard.
 *
 * <p>A key whose acknowledged value is absent or older counts as lost. A value where the ledger
 * has a deletion or an expiry, a live row for a deleted key, a row on the wrong shard or any other
 * mismatch counts as a difference. A session whose expiry lies within
 * {@link DemoCommand#EXPIRY_MARGIN} of the check is skipped, because the client and the member
 * read the clock at slightly different moments.
 */
final class VerifyPhase {

    static final String NAME = "verify";

    private static final Logger log = LoggerFactory.getLogger(VerifyPhase.class);

    private static final int BATCH_SIZE = 500;
    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(60);
    private static final int LOGGED_PROBLEMS = 20;

    /**
     * Counts of one check.
     *
     * @param checked keys checked
     * @param lost keys whose acknowledged value is missing or older
     * @param differences keys with any other mismatch
     * @param skipped sessions that expire too close to the check to decide
     */
    record Counts(long checked, long lost, long differences, long skipped) {
    }

    private final DemoContext context;
    private final JsonMapper json;
    private final AtomicLong logged = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();

    VerifyPhase(DemoContext context, JsonMapper json) {
        this.context = context;
        this.json = json;
    }

    PhaseResult run() {
        long start = System.nanoTime();

        Counts gridObjects = checkGrid(context.objects(), context.objectLedger());
        Counts gridSessions = checkGrid(context.sessions(), context.sessionLedger());
        Counts sqlObjects = checkDatabase(DemoCommand.OBJECT_CACHE, context.objectLedger(), OrmObject.class);
        Counts sqlSessions = checkDatabase(DemoCommand.SESSION_CACHE, context.sessionLedger(), SessionData.class);

        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("gridObjects", gridObjects);
        details.put("gridSessions", gridSessions);
        details.put("postgresObjects", sqlObjects);
        details.put("postgresSessions", sqlSessions);
        details.put("keysInDoubt", context.objectLedger().keysInDoubt().size() + context.sessionLedger().keysInDoubt().size());
        long checked = gridObjects.checked() + gridSessions.checked() + sqlObjects.checked() + sqlSessions.checked();
        return PhaseResult.of(NAME, checked, failedAttempts.get(), millis, details);
    }

    private <V> Counts checkGrid(CairnCache<V> cache, Ledger<V> ledger) {
        List<String> keys = new ArrayList<>(ledger.keys());
        Tally tally = new Tally();
        for (int from = 0; from < keys.size(); from += BATCH_SIZE) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH_SIZE));
            Map<String, V> found = Retry.until(RETRY_DEADLINE, failedAttempts, () -> { }, () -> cache.getAll(batch));
            long now = System.currentTimeMillis();
            for (String key : batch) {
                tally.compare("grid " + cache.name(), key, ledger.expected(key), found.get(key), now);
            }
        }
        return tally.counts();
    }

    private <V> Counts checkDatabase(String cacheName, Ledger<V> ledger, Class<V> type) {
        Map<String, Row<V>> rows = new HashMap<>();
        Tally tally = new Tally();
        int bucketCount = new Seeder(context.cluster(), cacheName, json).bucketCount();
        int shardCount = context.cluster().shards().size();
        for (int index = 0; index < shardCount; index++) {
            String shardName = "shard-" + index;
            PostgresShard shard = context.cluster().shards().stream().filter(s -> s.name().equals(shardName)).findFirst()
                    .orElseThrow();
            for (Row<V> row : readRows(shard, cacheName, type)) {
                int expectedShard = (int) ((long) Seeder.bucketOf(row.key(), bucketCount) * shardCount / bucketCount);
                if (expectedShard != index || rows.put(row.key(), row) != null) {
                    tally.difference("postgres " + cacheName, row.key(), "row on " + shardName + " but its bucket belongs to shard-"
                            + expectedShard);
                }
            }
        }

        long now = System.currentTimeMillis();
        for (String key : ledger.keys()) {
            Row<V> row = rows.get(key);
            V live = row == null || row.deleted() || (row.expiresAtMillis() > 0 && row.expiresAtMillis() <= now)
                    ? null : row.value();
            tally.compare("postgres " + cacheName, key, ledger.expected(key), live, now);
        }
        return tally.counts();
    }

    private <V> List<Row<V>> readRows(PostgresShard shard, String cacheName, Class<V> type) {
        String table = "cairn_cache_" + cacheName.replace('-', '_');
        String sql = "SELECT key, CAST(value AS text) AS json, deleted, expires_at_ms FROM " + table;
        List<Row<V>> rows = new ArrayList<>();
        try (Connection connection = shard.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                String text = result.getString("json");
                V value = text == null ? null : json.readValue(text, type);
                rows.add(new Row<>(result.getString("key"), value, result.getBoolean("deleted"), result.getLong("expires_at_ms")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed to read table " + table + " on shard " + shard.name() + "; see "
                    + shard.logFile(), e);
        }
        return rows;
    }

    private record Row<V>(String key, V value, boolean deleted, long expiresAtMillis) {
    }

    /** Compares found values with the ledger and counts the outcomes. */
    private final class Tally {

        private long checked;
        private long lost;
        private long differences;
        private long skipped;

        <V> void compare(String where, String key, Ledger.Expected<V> expected, V found, long nowMillis) {
            checked++;
            long margin = DemoCommand.EXPIRY_MARGIN.toMillis();
            if (!expected.deleted() && expected.expiresAtMillis() > 0
                    && Math.abs(expected.expiresAtMillis() - nowMillis) <= margin) {
                skipped++;
                return;
            }

            boolean shouldBeLive = !expected.deleted() && !expected.expiredAt(nowMillis);
            if (shouldBeLive && expected.value().equals(found)) {
                return;
            }
            if (!shouldBeLive && found == null) {
                return;
            }

            if (shouldBeLive && (found == null || isOlder(found, expected.value()))) {
                lost++;
                report(where, key, "lost: expected " + expected.value() + ", found " + found);
            } else {
                difference(where, key, "expected " + (shouldBeLive ? expected.value() : "no live entry") + ", found " + found);
            }
        }

        void difference(String where, String key, String problem) {
            differences++;
            report(where, key, problem);
        }

        Counts counts() {
            return new Counts(checked, lost, differences, skipped);
        }

        private void report(String where, String key, String problem) {
            if (logged.incrementAndGet() <= LOGGED_PROBLEMS) {
                log.error("{}: key {} {}", where, key, problem);
            }
        }

        private static boolean isOlder(Object found, Object expected) {
            if (found instanceof OrmObject actual && expected instanceof OrmObject wanted) {
                return actual.key().equals(wanted.key()) && actual.revision() < wanted.revision();
            }
            if (found instanceof SessionData actual && expected instanceof SessionData wanted) {
                return actual.id().equals(wanted.id()) && actual.touches() < wanted.touches();
            }
            return false;
        }
    }
}
