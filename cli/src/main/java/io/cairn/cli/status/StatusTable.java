package io.cairn.cli.status;

import io.cairn.testkit.NodeHealth;
import java.io.PrintStream;
import java.util.List;

/** Prints node statuses as two plain-text tables: nodes with their cluster view, then shards per node. */
final class StatusTable {

    private static final String NODE_ROW = "%-24s %-6s %-14s %7s %-12s %-10s %-10s %10s%n";
    private static final String SHARD_ROW = "%-24s %-12s %-12s %10s %12s%n";

    private StatusTable() {
    }

    static void print(List<StatusCommand.NodeStatus> statuses, PrintStream out) {
        out.printf(NODE_ROW, "NODE", "HTTP", "STATUS", "MEMBERS", "CLUSTER SAFE", "LOCAL SAFE", "STATE", "DIRTY");
        for (StatusCommand.NodeStatus status : statuses) {
            if (!status.reachable()) {
                out.printf(NODE_ROW, status.node(), "-", "UNREACHABLE", "-", "-", "-", "-", "-");
                continue;
            }
            NodeHealth health = status.health();
            out.printf(NODE_ROW, status.node(), health.httpStatus(), orDash(health.status()), health.members().size(),
                    yesNo(health.clusterSafe()), yesNo(health.localMemberSafe()), orDash(health.clusterState()),
                    count(health.dirtyEntries()));
        }

        statuses.stream().filter(StatusCommand.NodeStatus::reachable).findFirst().ifPresent(first -> {
            out.println();
            out.printf("Members seen by %s:%n", first.node());
            first.health().members().forEach(member -> out.printf("  %s%n", member));
        });

        out.println();
        out.printf(SHARD_ROW, "NODE", "SHARD", "CIRCUIT", "FAILURES", "DIRTY");
        boolean anyShard = false;
        for (StatusCommand.NodeStatus status : statuses) {
            if (!status.reachable()) {
                continue;
            }
            for (NodeHealth.ShardHealth shard : status.health().shards()) {
                anyShard = true;
                out.printf(SHARD_ROW, status.node(), shard.name(), orDash(shard.circuit()), count(shard.consecutiveFailures()),
                        count(shard.dirtyEntries()));
            }
        }
        if (!anyShard) {
            out.println("(no shard reported; the nodes keep data in memory only, or did not answer)");
        }

        statuses.stream().filter(status -> !status.reachable()).forEach(status ->
                out.printf("%nNo answer from %s: %s%n", status.node(), status.error()));
    }

    /** Formats a count, or a dash for -1 (not reported). */
    private static String count(long value) {
        return value < 0 ? "-" : String.format("%,d", value);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
