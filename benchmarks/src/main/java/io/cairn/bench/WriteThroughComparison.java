package io.cairn.bench;

import io.cairn.client.CairnCache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cairn's write-behind against write-through to the same PostgreSQL shards, on the same threads:
 * application writes per second, and database statements per 1,000 application writes, for a
 * hot-key and a uniform workload.
 *
 * <p>Write-through is the application upserting each write into PostgreSQL itself, one autocommit
 * statement per write on a HikariCP pool per shard. Cairn's statements are the increase of
 * {@code cairn_flush_statements_total} over the nodes, read after every dirty entry of the run
 * has been flushed.
 */
final class WriteThroughComparison {

    static final String CACHE = "wb";

    /** Workloads by name and key count. */
    static final Map<String, Integer> WORKLOADS = workloads();

    private static final String TABLE = "bench_write_through";

    private final SuiteSettings settings;
    private final Systems systems;
    private final ClusterProbe probe;
    private final ShardPools database;

    WriteThroughComparison(SuiteSettings settings, Systems systems, ClusterProbe probe, ShardPools database) {
        this.settings = settings;
        this.systems = systems;
        this.probe = probe;
        this.database = database;
    }

    /**
     * Figures of one workload.
     *
     * @param cairnWritesPerSecond application writes per second through Cairn
     * @param writeThroughWritesPerSecond application writes per second with write-through
     * @param ratio run-by-run ratio of the two
     * @param cairnStatementsPer1000 Cairn's upsert statements per 1,000 application writes
     * @param cairnRowsPer1000 rows Cairn wrote per 1,000 application writes
     * @param writeThroughStatementsPer1000 write-through statements per 1,000 application writes
     */
    record WorkloadResult(Stats cairnWritesPerSecond, Stats writeThroughWritesPerSecond, Stats ratio,
                          Stats cairnStatementsPer1000, Stats cairnRowsPer1000, Stats writeThroughStatementsPer1000) {
    }

    Map<String, WorkloadResult> run() throws Exception {
        database.executeOnEveryShard("DROP TABLE IF EXISTS " + TABLE);
        database.executeOnEveryShard("CREATE TABLE " + TABLE
                + " (key text PRIMARY KEY, value jsonb NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL)");
        CairnCache<BenchValue> cache = systems.cache(CACHE);

        Map<String, WorkloadResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> workload : WORKLOADS.entrySet()) {
            int keys = workload.getValue();
            List<Double> cairnRate = new ArrayList<>();
            List<Double> throughRate = new ArrayList<>();
            List<Double> cairnStatements = new ArrayList<>();
            List<Double> cairnRows = new ArrayList<>();
            List<Double> throughStatements = new ArrayList<>();
            for (int run = 0; run <= settings.runs(); run++) {
                boolean warmUp = run == 0;
                double seconds = warmUp ? settings.warmUpSeconds() : settings.seconds();

                probe.awaitFlushed();
                double statementsBefore = probe.flushStatements();
                double rowsBefore = probe.flushRows();
                Load.Result cairn = Load.run(settings.threads(), seconds,
                        (thread, random) -> cache.put(key(random.nextInt(keys)), BenchValue.of(random.nextLong())));
                probe.awaitFlushed();
                double statements = probe.flushStatements() - statementsBefore;
                double rows = probe.flushRows() - rowsBefore;

                LongAdder sent = new LongAdder();
                Load.Result through = Load.run(settings.threads(), seconds, (thread, random) -> {
                    upsert(key(random.nextInt(keys)), BenchValue.of(random.nextLong()));
                    sent.increment();
                });

                System.out.printf("  %s %-22s Cairn %,8.0f writes/s %8.2f stmts/1000 | write-through %,8.0f writes/s%n",
                        warmUp ? "warm-up" : "run", workload.getKey(), cairn.perSecond(),
                        statements * 1000 / cairn.operations(), through.perSecond());
                if (warmUp) {
                    continue;
                }
                cairnRate.add(cairn.perSecond());
                throughRate.add(through.perSecond());
                cairnStatements.add(statements * 1000 / cairn.operations());
                cairnRows.add(rows * 1000 / cairn.operations());
                throughStatements.add(sent.sum() * 1000.0 / through.operations());
            }
            results.put(workload.getKey(), new WorkloadResult(Stats.of(cairnRate), Stats.of(throughRate),
                    Stats.ratios(cairnRate, throughRate), Stats.of(cairnStatements), Stats.of(cairnRows),
                    Stats.of(throughStatements)));
        }
        probe.awaitFlushed();
        systems.plain.getMap("cache." + CACHE).evictAll();
        return results;
    }

    private void upsert(String key, BenchValue value) throws Exception {
        try (Connection connection = database.connection(key);
             PreparedStatement statement = connection.prepareStatement("INSERT INTO " + TABLE
                     + " (key, value, version, updated_at) VALUES (?, ?::jsonb, ?, now())"
                     + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version,"
                     + " updated_at = EXCLUDED.updated_at")) {
            statement.setString(1, key);
            statement.setString(2, BenchValue.toJsonText(value));
            statement.setLong(3, System.nanoTime());
            statement.executeUpdate();
        }
    }

    private static String key(int index) {
        return "w-" + index;
    }

    private static Map<String, Integer> workloads() {
        Map<String, Integer> workloads = new LinkedHashMap<>();
        workloads.put("hot-key (10 keys)", 10);
        workloads.put("uniform (200000 keys)", 200_000);
        return workloads;
    }
}
