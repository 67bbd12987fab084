package io.cairn.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Result of one demo run, printed at the end and written as JSON.
 *
 * @param clusterName Hazelcast cluster name
 * @param workDirectory directory with settings, logs and this report
 * @param cores processors available to the demo JVM
 * @param nodes nodes started at the beginning
 * @param shards PostgreSQL shards
 * @param trace bundled trace file that was replayed
 * @param traceRequests requests in the whole trace
 * @param replayedRequests requests replayed: a prefix of the trace
 * @param readers client threads that replayed the trace
 * @param writers client threads that updated and deleted objects
 * @param startupMillis time to start shards and nodes until all were ready
 * @param seededRows rows inserted into the shards before the replay, by shard
 * @param phases results in run order
 * @param applicationOperations reads and writes the demo sent through the SDK during the replay
 * @param hitRatio share of replay reads served from memory: 1 - database loads / reads
 * @param databaseLoads read-through loads from PostgreSQL during the replay, from the nodes' {@code cairn_loads_total}
 * @param rowWritesByMetric rows flushed from the replay until the nodes stopped, from {@code cairn_flush_rows_total}
 * @param rowWritesBySql inserted and updated rows from {@code pg_stat_user_tables} after the nodes stopped, seed rows excluded
 * @param events node kill, add and drain steps
 * @param killToSafeMillis time from SIGKILL to a safe cluster, or -1 if no node was killed
 * @param entriesLost keys whose acknowledged value was missing or older, in the grid or in PostgreSQL
 * @param differences other mismatches: wrong values, live entries for deleted keys, rows on the wrong shard
 * @param problems anything else that makes the run fail, such as writes given up
 * @param passed true when nothing was lost or differs
 */
public record DemoReport(
        String clusterName,
        String workDirectory,
        int cores,
        int nodes,
        int shards,
        String trace,
        long traceRequests,
        long replayedRequests,
        int readers,
        int writers,
        long startupMillis,
        Map<String, Long> seededRows,
        List<PhaseResult> phases,
        long applicationOperations,
        double hitRatio,
        long databaseLoads,
        long rowWritesByMetric,
        long rowWritesBySql,
        List<Disruptions.Event> events,
        long killToSafeMillis,
        long entriesLost,
        long differences,
        List<String> problems,
        boolean passed) {

    static final String FILE_NAME = "demo-report.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Writes the report to {@code demo-report.json} in {@code directory} and returns the file. */
    Path writeTo(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.writeString(file, JSON.writeValueAsString(this) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the demo report to " + file, e);
        }
        return file;
    }

    void print(PrintStream out) {
        out.println();
        out.println("Demo report");
        out.printf("  cluster %s: %d nodes at start, %d PostgreSQL shards, %d cores%n", clusterName, nodes, shards, cores);
        out.printf("  trace %s: replayed %,d of %,d requests with %d reader threads; %d writer threads%n",
                trace, replayedRequests, traceRequests, readers, writers);
        out.printf("  startup: %,d ms; seeded rows: %s%n", startupMillis, seededRows);

        out.println();
        out.printf("  %-8s %12s %10s %10s %12s%n", "phase", "ops", "retries", "ms", "ops/s");
        for (PhaseResult phase : phases) {
            out.printf("  %-8s %,12d %,10d %,10d %,12.0f%n", phase.name(), phase.operations(), phase.failedAttempts(),
                    phase.millis(), phase.operationsPerSecond());
        }

        out.println();
        out.printf("  application operations during the replay: %,d%n", applicationOperations);
        out.printf("  hit ratio: %.4f (%,d database loads for %,d reads)%n", hitRatio, databaseLoads,
                phases.stream().filter(p -> p.name().equals(ReplayPhase.NAME)).mapToLong(PhaseResult::operations).sum());
        out.printf("  database loads: %,d, %.4f per application operation%n", databaseLoads,
                ratio(databaseLoads, applicationOperations));
        out.printf("  row writes: %,d by node metrics, %,d by pg_stat_user_tables; %.4f per application operation%n",
                rowWritesByMetric, rowWritesBySql, ratio(rowWritesBySql, applicationOperations));

        for (Disruptions.Event event : events) {
            out.printf("  %-5s node %d (pid %d) at %.0f%% of the replay: %,d ms, safe cluster of %d nodes after %,d ms%s%n",
                    event.action(), event.node(), event.pid(), event.atReplayShare() * 100, event.actionMillis(),
                    event.liveNodes(), event.toSafeMillis(), event.exitCode() == null ? "" : ", exit code " + event.exitCode());
        }
        out.printf("  kill to safe cluster: %s%n", killToSafeMillis < 0 ? "no kill" : String.format("%,d ms", killToSafeMillis));

        for (PhaseResult phase : phases) {
            out.printf("  %s: %s%n", phase.name(), phase.details());
        }
        printSessions(out);

        out.printf("  entries lost: %,d%n", entriesLost);
        out.printf("  differences: %,d%n", differences);
        problems.forEach(problem -> out.printf("  problem: %s%n", problem));
        out.println(passed ? "  PASSED: every acknowledged write is in the grid and in PostgreSQL"
                : "  FAILED: see the lines above and the node logs in " + workDirectory);
    }

    /** Prints the session counts of the replay and verify phases in words. The JSON report has them in the phase details. */
    private void printSessions(PrintStream out) {
        Map<String, Object> replay = detailsOf(ReplayPhase.NAME);
        Map<String, Object> verify = detailsOf(VerifyPhase.NAME);
        if (!replay.containsKey("sessionCreates")) {
            return;
        }

        out.printf("  sessions: %,d created, %,d touched, %,d attribute updates, %,d logins, %,d id changes, %,d invalidated,"
                        + " %,d abandoned, %,d found expired%n", count(replay, "sessionCreates"), count(replay, "sessionTouches"),
                count(replay, "sessionUpdates"), count(replay, "sessionLogins"), count(replay, "sessionIdChanges"),
                count(replay, "sessionInvalidations"), count(replay, "sessionsAbandoned"), count(replay, "sessionsFoundExpired"));
        if (!verify.containsKey("sessionsLive")) {
            return;
        }

        out.printf("  sessions at the check: %,d live, %,d expired, %,d deleted by a logout or a change of id;"
                        + " findByPrincipal for %,d principals%n", count(verify, "sessionsLive"), count(verify, "sessionsExpired"),
                count(verify, "sessionsDeleted"), count(verify, "principalsQueried"));
        long lost = 0;
        long differences = count(replay, "sessionDifferences");
        long skipped = 0;
        for (String check : List.of("gridSessions", "postgresSessions", "principalQueries")) {
            if (verify.get(check) instanceof VerifyPhase.Counts counts) {
                lost += counts.lost();
                differences += counts.differences();
                skipped += counts.skipped();
            }
        }
        out.printf("  sessions lost: %,d; session differences: %,d; session checks skipped near expiry: %,d%n", lost,
                differences, skipped);
    }

    private Map<String, Object> detailsOf(String phaseName) {
        return phases.stream().filter(p -> p.name().equals(phaseName)).findFirst().map(PhaseResult::details).orElse(Map.of());
    }

    private static long count(Map<String, Object> details, String name) {
        return details.get(name) instanceof Number number ? number.longValue() : 0;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
