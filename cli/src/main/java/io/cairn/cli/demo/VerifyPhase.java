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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks every object key and every session id against the ledgers of last acknowledged writes,
 * twice: in the grid through the SDK, and in PostgreSQL with SQL on every shard.
 * {@link SessionChecks} describes the session checks, which run first.
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

    /**
     * One row of a Cairn table.
     *
     * @param json the column {@code value} as text, null for a deleted row
     * @param expiresAtMillis the column {@code expires_at_ms}: epoch milliseconds, or 0 for never
     * @param indexValue the column {@code index_value}: the principal name of a session
     */
    record Row(String key, String json, boolean deleted, long expiresAtMillis, String indexValue) {

        boolean liveAt(long nowMillis) {
            return !deleted && json != null && (expiresAtMillis <= 0 || expiresAtMillis > nowMillis);
        }
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

        // Sessions first: the active ones expire within a minute or two of the end of the workload.
        SessionChecks.Result sessions = new SessionChecks(context, this).run();
        Counts gridObjects = checkObjectGrid();
        Counts sqlObjects = checkObjectDatabase();

        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("gridObjects", gridObjects);
        details.put("postgresObjects", sqlObjects);
        details.putAll(sessions.details());
        details.put("keysInDoubt", context.objectLedger().keysInDoubt().size() + context.sessionLedger().keysInDoubt().size());
        long checked = gridObjects.checked() + sqlObjects.checked() + sessions.checked();
        return PhaseResult.of(NAME, checked, failedAttempts.get(), millis, details);
    }

    private Counts checkObjectGrid() {
        CairnCache<OrmObject> cache = context.objects();
        Ledger<OrmObject> ledger = context.objectLedger();
        List<String> keys = new ArrayList<>(ledger.keys());
        Tally tally = new Tally();
        for (int from = 0; from < keys.size(); from += BATCH_SIZE) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH_SIZE));
            Map<String, OrmObject> found = retry(() -> cache.getAll(batch));
            long now = System.currentTimeMillis();
            for (String key : batch) {
                tally.compare("grid " + cache.name(), key, ledger.expected(key), found.get(key), now);
            }
        }
        return tally.counts();
    }

    private Counts checkObjectDatabase() {
        String table = "cairn_cache_" + DemoCommand.OBJECT_CACHE.replace('-', '_');
        Tally tally = new Tally();
        Map<String, Row> rows = readTable(table, tally);

        long now = System.currentTimeMillis();
        Ledger<OrmObject> ledger = context.objectLedger();
        for (String key : ledger.keys()) {
            Row row = rows.get(key);
            OrmObject live = row == null || !row.liveAt(now) ? null : json.readValue(row.json(), OrmObject.class);
            tally.compare("postgres " + table, key, ledger.expected(key), live, now);
        }
        return tally.counts();
    }

    /** Runs a read of the grid until it succeeds or {@link #RETRY_DEADLINE} passes. */
    <T> T retry(Supplier<T> call) {
        return Retry.until(RETRY_DEADLINE, failedAttempts, () -> { }, call);
    }

    Tally newTally() {
        return new Tally();
    }

    /**
     * Reads {@code table} from every shard, by key. A row on a shard that does not own its bucket,
     * or on two shards, counts as a difference in {@code tally}.
     */
    Map<String, Row> readTable(String table, Tally tally) {
        Map<String, Row> rows = new HashMap<>();
        int bucketCount = new Seeder(context.cluster(), DemoCommand.OBJECT_CACHE, json).bucketCount();
        int shardCount = context.cluster().shards().size();
        for (int index = 0; index < shardCount; index++) {
            String shardName = "shard-" + index;
            PostgresShard shard = context.cluster().shards().stream().filter(s -> s.name().equals(shardName)).findFirst()
                    .orElseThrow();
            for (Row row : readRows(shard, table)) {
                int expectedShard = (int) ((long) Seeder.bucketOf(row.key(), bucketCount) * shardCount / bucketCount);
                if (expectedShard != index || rows.put(row.key(), row) != null) {
                    tally.difference("postgres " + table, row.key(), "row on " + shardName + " but its bucket belongs to shard-"
                            + expectedShard);
                }
            }
        }
        return rows;
    }

    private static List<Row> readRows(PostgresShard shard, String table) {
        String sql = "SELECT key, CAST(value AS text) AS json, deleted, expires_at_ms, index_value FROM " + table;
        List<Row> rows = new ArrayList<>();
        try (Connection connection = shard.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(new Row(result.getString("key"), result.getString("json"), result.getBoolean("deleted"),
                        result.getLong("expires_at_ms"), result.getString("index_value")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed to read table " + table + " on shard " + shard.name() + "; see "
                    + shard.logFile(), e);
        }
        return rows;
    }

    /** Compares found values with the ledger and counts the outcomes. Thread-safe. */
    final class Tally {

        private long checked;
        private long lost;
        private long differences;
        private long skipped;

        synchronized <V> void compare(String where, String key, Ledger.Expected<V> expected, V found, long nowMillis) {
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

        /** Counts a mismatch of a key that {@link #compare} does not see. */
        synchronized void difference(String where, String key, String problem) {
            differences++;
            report(where, key, problem);
        }

        /** Counts a checked key with a mismatch that {@link #compare} cannot express, such as an unreadable value. */
        synchronized void checkedDifference(String where, String key, String problem) {
            checked++;
            difference(where, key, problem);
        }

        synchronized Counts counts() {
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
                return actual.isOlderThan(wanted);
            }
            return false;
        }
    }
}
