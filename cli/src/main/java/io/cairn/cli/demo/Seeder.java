package io.cairn.cli.demo;

import io.cairn.cli.trace.OrmBusyTrace;
import io.cairn.node.sharding.BucketHasher;
import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.PostgresShard;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one row per object of the orm-busy trace straight into the shards, as a database that
 * already holds the data before the grid starts. Rows have the layout the node writes: the bucket
 * is CRC-32C of the key's UTF-8 bytes modulo the bucket count, the shard comes from an even split
 * of the buckets over the shards in order, and the version is the current time in microseconds.
 */
final class Seeder {

    private static final Duration TABLE_WAIT = Duration.ofSeconds(60);
    private static final Pattern BUCKET_COUNT = Pattern.compile("(?m)^\\s*bucket-count:\\s*(\\d+)\\s*$");
    private static final int READ_CHUNK = 64 * 1024;

    private final LocalCluster cluster;
    private final String table;
    private final JsonMapper json;

    Seeder(LocalCluster cluster, String cacheName, JsonMapper json) {
        this.cluster = cluster;
        this.table = "cairn_cache_" + cacheName.replace('-', '_');
        this.json = json;
    }

    /** Returns the distinct ids of the bundled trace in the order of their first request. */
    static int[] distinctIds() {
        Set<Integer> seen = new HashSet<>();
        List<Integer> ordered = new ArrayList<>();
        int[] chunk = new int[READ_CHUNK];
        try (OrmBusyTrace trace = OrmBusyTrace.openBundled()) {
            for (int count = trace.read(chunk); count > 0; count = trace.read(chunk)) {
                for (int i = 0; i < count; i++) {
                    if (seen.add(chunk[i])) {
                        ordered.add(chunk[i]);
                    }
                }
            }
        }
        return ordered.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Inserts the seed row of every id with COPY, records it in {@code ledger} and returns the rows per shard. */
    Map<String, Long> seed(int[] ids, Ledger<OrmObject> ledger) {
        int bucketCount = bucketCount();
        List<PostgresShard> shards = cluster.shards();
        List<StringBuilder> rows = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            rows.add(new StringBuilder());
        }

        long version = System.currentTimeMillis() * 1000;
        for (int id : ids) {
            OrmObject object = OrmObject.seed(id);
            int bucket = bucketOf(object.key(), bucketCount);
            int shard = (int) ((long) bucket * shards.size() / bucketCount);
            rows.get(shard).append(csvRow(object, bucket, version));
            ledger.acknowledgePut(object.key(), object, 0);
        }

        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            PostgresShard shard = shardNamed("shard-" + i, shards);
            counts.put(shard.name(), copy(shard, rows.get(i).toString()));
        }
        return counts;
    }

    /** Returns the bucket of {@code key} as the node computes it: CRC-32C of its UTF-8 bytes modulo the bucket count. */
    static int bucketOf(String key, int bucketCount) {
        return BucketHasher.bucketOf(key, bucketCount);
    }

    /** Reads {@code shard-map.bucket-count} from the settings file the nodes read. */
    int bucketCount() {
        String settings;
        try {
            settings = Files.readString(cluster.settingsFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the cluster settings " + cluster.settingsFile(), e);
        }
        Matcher matcher = BUCKET_COUNT.matcher(settings);
        if (!matcher.find()) {
            throw new IllegalStateException("The cluster settings " + cluster.settingsFile()
                    + " name no shard-map bucket-count; the demo cannot place seed rows on their shards");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private String csvRow(OrmObject object, int bucket, long version) {
        String value = json.writeValueAsString(object).replace("\"", "\"\"");
        return object.key() + "," + bucket + ",\"" + value + "\"," + version + ",0,false,\n";
    }

    private long copy(PostgresShard shard, String csv) {
        awaitTable(shard);
        String sql = "COPY " + table + " (key, bucket, value, version, expires_at_ms, deleted, index_value)"
                + " FROM STDIN WITH (FORMAT csv)";
        try (Connection connection = shard.connect()) {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Failed to seed table " + table + " on shard " + shard.name()
                    + "; see " + shard.logFile(), e);
        }
    }

    /** Waits until a node has created the cache table on {@code shard}. */
    private void awaitTable(PostgresShard shard) {
        Awaitility.await("table " + table + " on shard " + shard.name())
                .atMost(TABLE_WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> tableExists(shard));
    }

    private boolean tableExists(PostgresShard shard) throws SQLException {
        try (Connection connection = shard.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static PostgresShard shardNamed(String name, List<PostgresShard> shards) {
        return shards.stream()
                .filter(shard -> shard.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The cluster has no shard named " + name + " among " + shards));
    }
}
