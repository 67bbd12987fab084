package io.cairn.node.admin;

import io.cairn.node.persistence.PersistenceService.ShardStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the document behind the status page from the reports of all members, and keeps it for
 * {@link #MAX_AGE} so that many open pages cost the cluster one round of reports per interval.
 *
 * <p>The document contains member addresses, partition counts, backlog and flush counters only: no
 * keys, values, settings, credentials or connection strings.
 */
final class StatusSnapshots {

    /** How long one document is served before the members are asked again. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final ClusterView clusterView;
    private final ClusterCalls clusterCalls;

    private StatusDocument cached;
    private long cachedAtNanos;

    StatusSnapshots(ClusterView clusterView, ClusterCalls clusterCalls) {
        this.clusterView = clusterView;
        this.clusterCalls = clusterCalls;
    }

    synchronized StatusDocument current() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAtNanos > MAX_AGE.toNanos()) {
            cached = build();
            cachedAtNanos = now;
        }
        return cached;
    }

    private StatusDocument build() {
        ClusterView.ClusterDocument cluster = clusterView.build();
        Map<String, ClusterCalls.MemberAnswer<MemberReport>> reports = new LinkedHashMap<>();
        for (ClusterCalls.MemberAnswer<MemberReport> answer
                : clusterCalls.callAll(new MemberReportTask(), MemberReport.class, AdminController.REPORT_TIMEOUT)) {
            reports.put(answer.member(), answer);
        }

        List<StatusMember> members = new ArrayList<>();
        Map<String, StatusShard> shards = new LinkedHashMap<>();
        double totalRate = 0;
        String servedBy = null;
        for (ClusterView.MemberLine line : cluster.members()) {
            if (line.local()) {
                servedBy = line.address();
            }
            ClusterCalls.MemberAnswer<MemberReport> answer = reports.get(line.address());
            MemberReport report = answer == null ? null : answer.value();
            if (report == null) {
                members.add(new StatusMember(line.address(), line.local(), line.partitions(), false, -1, 0, 0));
                continue;
            }

            members.add(new StatusMember(line.address(), line.local(), line.partitions(), true, report.dirtyEntries(),
                    report.flushRowsPerSecond(), report.oldestDirtyAgeMillis()));
            totalRate += report.flushRowsPerSecond();
            for (ShardStats shard : report.shards()) {
                shards.merge(shard.name(), StatusShard.of(shard), StatusShard::plus);
            }
        }

        return new StatusDocument(cluster.clusterName(), cluster.clusterState(), cluster.clusterSafe(), servedBy,
                System.currentTimeMillis(), totalRate, members, new ArrayList<>(shards.values()), cluster.migrations());
    }

    /**
     * The status page's document.
     *
     * @param clusterName Hazelcast cluster name
     * @param clusterState cluster state, for example ACTIVE
     * @param clusterSafe true when every partition has its backups in sync
     * @param servedBy address of the member that built the document
     * @param generatedAtMillis when it was built, epoch milliseconds
     * @param flushRowsPerSecond rows written to PostgreSQL per second by all members together
     * @param members one line per member
     * @param shards one line per shard, summed over the members
     * @param migrations latest migration process the serving member heard of, null if none
     */
    record StatusDocument(String clusterName, String clusterState, boolean clusterSafe, String servedBy,
                          long generatedAtMillis, double flushRowsPerSecond, List<StatusMember> members,
                          List<StatusShard> shards, MigrationTracker.Migrations migrations) {
    }

    /**
     * One member on the status page.
     *
     * @param address member address as {@code host:port}
     * @param local true for the member that serves the page
     * @param partitions partitions it owns
     * @param reachable false when it did not send its report in time
     * @param dirtyEntries keys with a dirty entry on it, -1 when unknown
     * @param flushRowsPerSecond rows it writes to PostgreSQL per second
     * @param oldestDirtyAgeMillis age of the oldest dirty entry it owns
     */
    record StatusMember(String address, boolean local, int partitions, boolean reachable, long dirtyEntries,
                        double flushRowsPerSecond, long oldestDirtyAgeMillis) {
    }

    /**
     * One shard on the status page, summed over the members that sent a report.
     *
     * @param name shard name
     * @param circuit the worst circuit state any member reports: OPEN, HALF_OPEN or CLOSED
     * @param dirtyEntries dirty entries waiting for this shard
     * @param oldestDirtyAgeMillis age of the oldest of them
     * @param rowsFlushed rows written since the members started
     * @param deadLetters rows rejected for their content since the members started
     */
    record StatusShard(String name, String circuit, long dirtyEntries, long oldestDirtyAgeMillis, long rowsFlushed,
                       long deadLetters) {

        static StatusShard of(ShardStats stats) {
            return new StatusShard(stats.name(), stats.circuit(), stats.dirtyEntries(), stats.oldestDirtyAgeMillis(),
                    stats.rowsFlushed(), stats.deadLetters());
        }

        StatusShard plus(StatusShard other) {
            return new StatusShard(name, worse(circuit, other.circuit), dirtyEntries + other.dirtyEntries,
                    Math.max(oldestDirtyAgeMillis, other.oldestDirtyAgeMillis), rowsFlushed + other.rowsFlushed,
                    deadLetters + other.deadLetters);
        }

        private static String worse(String left, String right) {
            return severity(left) >= severity(right) ? left : right;
        }

        private static int severity(String circuit) {
            return switch (circuit) {
                case "OPEN" -> 2;
                case "HALF_OPEN" -> 1;
                default -> 0;
            };
        }
    }
}
