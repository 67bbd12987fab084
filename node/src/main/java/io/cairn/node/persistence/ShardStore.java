package io.cairn.node.persistence;

import io.cairn.protocol.StoredEntry;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQL against one shard: schema, version-guarded batch upserts, read-through loads and clean-up.
 *
 * <p>Every map has its own table with the same layout. A delete is stored as a row with
 * {@code deleted = true} and no value, not removed at once: the row fences off a late write of an
 * older version (for example from a member that lost its partition during a migration), which the
 * version guard then rejects. Such tombstone rows are purged after the tombstone retention.
 */
final class ShardStore {

    private static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS %s (
                key text PRIMARY KEY,
                bucket integer NOT NULL,
                value jsonb,
                version bigint NOT NULL,
                expires_at_ms bigint NOT NULL DEFAULT 0,
                deleted boolean NOT NULL DEFAULT false,
                index_value text,
                updated_at timestamptz NOT NULL DEFAULT now())""";

    // Tables created before the index_value column existed get it here.
    private static final String ADD_INDEX_VALUE = "ALTER TABLE %s ADD COLUMN IF NOT EXISTS index_value text";

    private static final String CREATE_BUCKET_INDEX = "CREATE INDEX IF NOT EXISTS %s_bucket_idx ON %s (bucket)";

    private static final String CREATE_DEAD_LETTERS = """
            CREATE TABLE IF NOT EXISTS cairn_dead_letters (
                id bigserial PRIMARY KEY,
                map_name text NOT NULL,
                key text NOT NULL,
                version bigint NOT NULL,
                value_text text,
                sql_state text,
                error text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now())""";

    // The input is sorted by key, so concurrent batches lock rows in the same order and cannot
    // deadlock. UNNEST takes seven array parameters whatever the batch size, far below PostgreSQL's
    // limit of 32,767 bind parameters per statement.
    private static final String UPSERT = """
            INSERT INTO %s AS t (key, bucket, value, version, expires_at_ms, deleted, index_value, updated_at)
            SELECT u.k, u.b, CAST(u.v AS jsonb), u.ver, u.e, u.d, u.i, now()
            FROM UNNEST(CAST(:keys AS text[]), CAST(:buckets AS integer[]), CAST(:jsonValues AS text[]),
                        CAST(:versions AS bigint[]), CAST(:expiries AS bigint[]), CAST(:deleted AS boolean[]),
                        CAST(:indexValues AS text[]))
                 AS u(k, b, v, ver, e, d, i)
            ORDER BY u.k
            ON CONFLICT (key) DO UPDATE
               SET bucket = EXCLUDED.bucket, value = EXCLUDED.value, version = EXCLUDED.version,
                   expires_at_ms = EXCLUDED.expires_at_ms, deleted = EXCLUDED.deleted,
                   index_value = EXCLUDED.index_value, updated_at = EXCLUDED.updated_at
             WHERE t.version <= EXCLUDED.version
            RETURNING t.key""";

    private static final String LOAD =
            "SELECT CAST(value AS text) AS json, version, expires_at_ms, deleted, index_value FROM %s WHERE key = :key";

    private static final String STORED_VERSIONS =
            "SELECT key, version FROM %s WHERE key = ANY(CAST(:keys AS text[]))";

    private static final String PURGE = """
            DELETE FROM %s WHERE ctid IN (
                SELECT ctid FROM %s
                 WHERE (deleted AND updated_at < now() - make_interval(secs => :retentionSeconds))
                    OR (expires_at_ms > 0 AND expires_at_ms < :expiredBeforeMillis)
                 LIMIT :maxRows)""";

    private static final String INSERT_DEAD_LETTER = """
            INSERT INTO cairn_dead_letters (map_name, key, version, value_text, sql_state, error)
            VALUES (:mapName, :key, :version, :valueText, :sqlState, :error)""";

    private final Jdbi jdbi;
    private final List<String> mapNames;
    private volatile boolean schemaReady;

    ShardStore(Jdbi jdbi, Collection<String> mapNames) {
        this.jdbi = jdbi;
        this.mapNames = List.copyOf(mapNames);
    }

    /** Creates the schema unless this member already did. Throws when the shard is unreachable. */
    void ensureSchema() {
        if (schemaReady) {
            return;
        }
        createSchema();
        schemaReady = true;
    }

    /** Creates the tables of every map and the dead-letter table if missing. Idempotent. */
    private void createSchema() {
        jdbi.useTransaction(handle -> {
            handle.execute("SELECT pg_advisory_xact_lock(7311)");
            handle.execute(CREATE_DEAD_LETTERS);
            for (String mapName : mapNames) {
                String table = TableNames.tableOf(mapName);
                handle.execute(String.format(CREATE_TABLE, table));
                handle.execute(String.format(ADD_INDEX_VALUE, table));
                handle.execute(String.format(CREATE_BUCKET_INDEX, table, table));
            }
        });
    }

    /**
     * Writes {@code rows} of one map in one statement and returns the keys whose rows now store the
     * written version. A key missing from the result was rejected because its row has a newer
     * version.
     */
    Set<String> upsert(String mapName, List<FlushRow> rows) {
        int size = rows.size();
        String[] keys = new String[size];
        Integer[] buckets = new Integer[size];
        String[] jsonValues = new String[size];
        Long[] versions = new Long[size];
        Long[] expiries = new Long[size];
        Boolean[] deleted = new Boolean[size];
        String[] indexValues = new String[size];

        for (int i = 0; i < size; i++) {
            FlushRow row = rows.get(i);
            keys[i] = row.key();
            buckets[i] = row.bucket();
            jsonValues[i] = row.entry().jsonText();
            versions[i] = row.entry().version();
            expiries[i] = row.entry().expiresAtMillis();
            deleted[i] = row.entry().isDeleted();
            indexValues[i] = row.entry().getIndexValue();
        }

        String sql = String.format(UPSERT, TableNames.tableOf(mapName));
        List<String> applied = jdbi.withHandle(handle -> handle.createQuery(sql)
                .bindArray("keys", String.class, (Object[]) keys)
                .bindArray("buckets", Integer.class, (Object[]) buckets)
                .bindArray("jsonValues", String.class, (Object[]) jsonValues)
                .bindArray("versions", Long.class, (Object[]) versions)
                .bindArray("expiries", Long.class, (Object[]) expiries)
                .bindArray("deleted", Boolean.class, (Object[]) deleted)
                .bindArray("indexValues", String.class, (Object[]) indexValues)
                .mapTo(String.class)
                .list());
        return new HashSet<>(applied);
    }

    /** Returns the stored version of each key that has a row. */
    Map<String, Long> storedVersions(String mapName, Collection<String> keys) {
        String sql = String.format(STORED_VERSIONS, TableNames.tableOf(mapName));
        return jdbi.withHandle(handle -> {
            Map<String, Long> versions = new HashMap<>();
            handle.createQuery(sql)
                    .bindArray("keys", String.class, new ArrayList<>(keys))
                    .map((rs, ctx) -> versions.put(rs.getString("key"), rs.getLong("version")))
                    .list();
            return versions;
        });
    }

    /** Loads the live row of {@code key}, or returns null when it is missing, deleted or expired. */
    StoredEntry load(String mapName, String key, long nowMillis) {
        String sql = String.format(LOAD, TableNames.tableOf(mapName));
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("key", key)
                .map((rs, ctx) -> {
                    if (rs.getBoolean("deleted")) {
                        return null;
                    }
                    long expiresAt = rs.getLong("expires_at_ms");
                    if (expiresAt != StoredEntry.NO_EXPIRY && expiresAt <= nowMillis) {
                        return null;
                    }
                    byte[] json = rs.getString("json").getBytes(StandardCharsets.UTF_8);
                    return StoredEntry.clean(json, rs.getLong("version"), expiresAt, rs.getString("index_value"));
                })
                .findFirst()
                .orElse(null));
    }

    /** Records a row that PostgreSQL rejected for its content. */
    void insertDeadLetter(FlushRow row, String sqlState, String error) {
        jdbi.useHandle(handle -> handle.createUpdate(INSERT_DEAD_LETTER)
                .bind("mapName", row.mapName())
                .bind("key", row.key())
                .bind("version", row.entry().version())
                .bind("valueText", row.entry().jsonText())
                .bind("sqlState", sqlState)
                .bind("error", error)
                .execute());
    }

    /**
     * Deletes at most {@code maxRows} tombstone rows older than the retention and rows that expired
     * longer than the retention ago. Returns the number of rows deleted.
     */
    int purge(String mapName, long retentionMillis, long nowMillis, int maxRows) {
        String table = TableNames.tableOf(mapName);
        String sql = String.format(PURGE, table, table);
        return jdbi.withHandle(handle -> handle.createUpdate(sql)
                .bind("retentionSeconds", retentionMillis / 1000.0)
                .bind("expiredBeforeMillis", nowMillis - retentionMillis)
                .bind("maxRows", maxRows)
                .execute());
    }
}
