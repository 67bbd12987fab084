package io.cairn.cli.admin;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Prints the partitions each member owns, from the admin API, under the output of
 * {@code cairn status}. The summary needs the admin token; without one it prints how to get it.
 */
public final class PartitionSummary {

    private static final String ROW = "  %-22s %10s%n";

    private PartitionSummary() {
    }

    /** Prints the partition table of the first node in {@code nodes} that returns one. */
    public static void print(List<URI> nodes, PrintStream out) {
        String token;
        try {
            token = new AdminOptions().token();
        } catch (AdminCommandException e) {
            out.printf("%nPartitions per member: not shown. %s%n", e.getMessage());
            return;
        }

        String lastError = "no node given";
        for (URI node : nodes) {
            try {
                JsonNode cluster = new AdminClient(node, token).get("/admin/cluster");
                out.printf("%nPartitions per member (from %s; migrations %s):%n", node,
                        cluster.path("migrations").path("inProgress").asBoolean() ? "in progress" : "idle");
                for (JsonNode member : cluster.path("members").values()) {
                    out.printf(ROW, member.path("address").asString(), member.path("partitions").asInt());
                }
                return;
            } catch (AdminCommandException e) {
                lastError = e.getMessage();
            }
        }
        out.printf("%nPartitions per member: not shown. %s%n", lastError);
    }
}
