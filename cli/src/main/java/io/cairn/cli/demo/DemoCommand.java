package io.cairn.cli.demo;

import io.cairn.cli.trace.OrmBusyTrace;
import io.cairn.client.CairnClient;
import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.PostgresShard;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cairn demo}: replays a production cache trace on a new cluster while nodes are killed,
 * added and drained, then checks every key in the grid and in PostgreSQL against the last
 * acknowledged write.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Replays the cache2k orm-busy production trace on a new cluster and proves that no acknowledged",
                "write is lost. Starts 2 PostgreSQL shards and 3 nodes on 127.0.0.1 and seeds the shards with one",
                "row per object of the trace (76,349). The grid starts empty and loads objects by read-through",
                "while the trace is replayed as reads, another workload updates and deletes objects, and a third",
                "uses the session store as a web tier would: creates sessions, touches them and changes attributes,",
                "logs users in with a new session id, logs some out and abandons the rest, which expire. Midway one",
                "node is killed with SIGKILL, later a fourth node joins, later one node is drained with SIGTERM.",
                "After the flush every key and session is checked through the SDK and with SQL on both shards.",
                "Exits 1 if anything was lost or differs."})
public final class DemoCommand implements Callable<Integer> {

    static final String OBJECT_CACHE = "orm";

    /** Tolerance for session expiry checks: client and member read the clock at different moments. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    /**
     * Requests replayed by default: the first tenth of the trace, so that the demo ends within
     * minutes on 2 cores. {@code --requests 5000000} replays the whole trace.
     */
    static final int DEFAULT_REQUESTS = 500_000;

    private static final int NODES = 3;
    private static final int SHARDS = 2;
    private static final int BACKUP_COUNT = 1;
    private static final int KILLED_NODE = 1;
    private static final int DRAINED_NODE = 0;
    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(3);

    @Option(names = "--requests", defaultValue = "" + DEFAULT_REQUESTS,
            description = "Requests of the trace to replay, from its start, 1 to 5000000 (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--readers", defaultValue = "6", description = "Client threads that replay the trace (default: ${DEFAULT-VALUE}).")
    int readers;

    @Option(names = "--writers", defaultValue = "2", description = "Client threads that update and delete objects (default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--write-rate", defaultValue = "400",
            description = "Object updates and deletes per second, over all writer threads (default: ${DEFAULT-VALUE}).")
    double writeRate;

    @Option(names = "--session-rate", defaultValue = "100",
            description = "Session requests per second: creates, touches with attribute changes, logins and logouts"
                    + " (default: ${DEFAULT-VALUE}).")
    double sessionRate;

    @Option(names = "--work-dir", description = "Directory for settings, logs, shard data and the report (default: a new temporary directory).")
    Path workDirectory;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintStream out = System.out;
        JsonMapper json = JsonMapper.builder().build();

        out.printf("Trace %s: replaying the first %,d of its %,d requests%s%n", OrmBusyTrace.RESOURCE, requests,
                OrmBusyTrace.REQUESTS, requests == OrmBusyTrace.REQUESTS ? " (all)" : " (choose with --requests)");
        int[] ids = Seeder.distinctIds();
        List<String> keys = Arrays.stream(ids).mapToObj(OrmObject::keyOf).toList();
        out.printf("Trace objects: %,d distinct ids%n", ids.length);

        Path directory = workDirectory != null ? workDirectory : Files.createTempDirectory("cairn-demo-");
        out.printf("Starting %d PostgreSQL shards and %d nodes in %s%n", SHARDS, NODES, directory);
        long startupBegin = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.builder()
                .nodes(NODES)
                .shards(SHARDS)
                .cache(OBJECT_CACHE, BACKUP_COUNT)
                .workDirectory(directory)
                .start()) {
            long startupMillis = (System.nanoTime() - startupBegin) / 1_000_000;
            out.printf("Cluster %s is ready after %,d ms; node logs are in %s%n", cluster.clusterName(), startupMillis, directory);

            DemoReport report = run(cluster, ids, keys, json, startupMillis, out);
            report.print(out);
            Path reportFile = report.writeTo(directory);
            out.printf("Report written to %s%n", reportFile);
            out.println("Stopping shards");
            return report.passed() ? 0 : 1;
        }
    }

    private DemoReport run(LocalCluster cluster, int[] ids, List<String> keys, JsonMapper json, long startupMillis,
                           PrintStream out) {
        Ledger<OrmObject> objectLedger = new Ledger<>();
        Ledger<SessionData> sessionLedger = new Ledger<>();
        List<PhaseResult> phases = new ArrayList<>();

        out.println("Phase seed: inserting one row per trace object into the shards with COPY");
        long seedStart = System.nanoTime();
        Map<String, Long> seeded = new Seeder(cluster, OBJECT_CACHE, json).seed(ids, objectLedger);
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
        long seedRows = seeded.values().stream().mapToLong(Long::longValue).sum();
        phases.add(PhaseResult.of("seed", seedRows, 0, seedMillis, Map.of("rowsByShard", seeded)));
        out.printf("  seeded %,d rows in %,d ms: %s%n", seedRows, seedMillis, seeded);

        NodeMetrics metrics = new NodeMetrics();
        Disruptions disruptions = new Disruptions(cluster, KILLED_NODE, DRAINED_NODE, SAFE_TIMEOUT, out);
        ReplayPhase.Outcome replay;
        try (CairnClient client = cluster.clientBuilder().build()) {
            // On Ctrl-C, closing the client ends the workload threads, so that the nodes, which the
            // cluster's own shutdown hook stops, can finish their shutdown flush without new writes.
            Thread stopWorkload = new Thread(client::close, "cairn-demo-stop-workload");
            Runtime.getRuntime().addShutdownHook(stopWorkload);
            DemoContext context = new DemoContext(cluster, client.cache(OBJECT_CACHE, OrmObject.class),
                    client.sessions(), keys, objectLedger, sessionLedger, metrics, out);

            out.printf("Phase replay: %d reader threads, %d object writers at %.0f writes/s, session requests at %.0f/s;"
                    + " kill at %.0f%%, add at %.0f%%, drain at %.0f%% of the replay%n", readers, writers, writeRate, sessionRate,
                    Disruptions.KILL_AT * 100, Disruptions.ADD_AT * 100, Disruptions.DRAIN_AT * 100);
            replay = new ReplayPhase(context, requests, readers, writers, writeRate, sessionRate, disruptions).run();
            phases.add(replay.result());

            out.println("Phase flush: waiting until no node holds dirty entries");
            phases.add(new FlushPhase("flush", FLUSH_TIMEOUT).run(context));

            out.println("Phase verify: every key through the SDK and with SQL on every shard");
            phases.add(new VerifyPhase(context, json).run());
            Runtime.getRuntime().removeShutdownHook(stopWorkload);
        }

        metrics.scrape(cluster.nodes());
        // The grid starts empty and the seed rows bypass the nodes, so every flushed row comes from the workload.
        long rowWritesByMetric = metrics.total(NodeMetrics.FLUSH_ROWS);
        out.println("Stopping the nodes with SIGTERM");
        cluster.stopAll();
        long rowWritesBySql = rowWritesBySql(cluster) - seedRows;

        return report(cluster, startupMillis, seeded, phases, replay, disruptions, rowWritesByMetric, rowWritesBySql);
    }

    private DemoReport report(LocalCluster cluster, long startupMillis, Map<String, Long> seeded, List<PhaseResult> phases,
                              ReplayPhase.Outcome replay, Disruptions disruptions, long rowWritesByMetric, long rowWritesBySql) {
        long lost = 0;
        long differences = replay.differences();
        List<String> problems = new ArrayList<>();
        for (PhaseResult phase : phases) {
            for (Object value : phase.details().values()) {
                if (value instanceof VerifyPhase.Counts counts) {
                    lost += counts.lost();
                    differences += counts.differences();
                }
            }
            if (Boolean.TRUE.equals(phase.details().get("timedOut"))) {
                problems.add("phase " + phase.name() + " timed out");
            }
            if (phase.details().get("keysInDoubt") instanceof Integer inDoubt && inDoubt > 0) {
                problems.add(inDoubt + " keys have a write whose outcome stayed unknown");
            }
        }
        if (replay.givenUp() > 0) {
            problems.add(replay.givenUp() + " writes were given up after retrying");
        }

        long applicationOperations = replay.replayGets() + replay.sessionGets() + replay.objectWrites() + replay.sessionWrites();
        long reads = replay.replayGets() + replay.sessionGets();
        double hitRatio = reads == 0 ? 0 : Math.round((1 - (double) replay.loads() / reads) * 10_000) / 10_000.0;
        boolean passed = lost == 0 && differences == 0 && problems.isEmpty();

        return new DemoReport(cluster.clusterName(), cluster.workDirectory().toString(),
                Runtime.getRuntime().availableProcessors(), NODES, SHARDS, OrmBusyTrace.RESOURCE, OrmBusyTrace.REQUESTS,
                replay.replayGets(), readers, writers, startupMillis, seeded, phases, applicationOperations, hitRatio,
                replay.loads(), rowWritesByMetric, rowWritesBySql, disruptions.await(), disruptions.killToSafeMillis(), lost,
                differences, problems, passed);
    }

    /** Sum of inserted and updated rows over the demo's tables on every shard, read after the nodes stopped. */
    private static long rowWritesBySql(LocalCluster cluster) {
        long total = 0;
        for (PostgresShard shard : cluster.shards()) {
            try (Connection connection = shard.connect();
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(
                         "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables"
                                 + " WHERE relname LIKE 'cairn\\_cache\\_%' OR relname = 'cairn_sessions'")) {
                result.next();
                total += result.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException("Failed to read table statistics of shard " + shard.name(), e);
            }
        }
        return total;
    }

    private void validate() {
        if (requests < 1 || requests > OrmBusyTrace.REQUESTS) {
            throw new IllegalArgumentException("--requests must be between 1 and " + OrmBusyTrace.REQUESTS + ", got " + requests);
        }
        if (readers < 1 || writers < 1) {
            throw new IllegalArgumentException("--readers and --writers must be at least 1, got " + readers + " and " + writers);
        }
        if (writeRate <= 0 || sessionRate <= 0) {
            throw new IllegalArgumentException("--write-rate and --session-rate must be positive, got " + writeRate
                    + " and " + sessionRate);
        }
    }
}
