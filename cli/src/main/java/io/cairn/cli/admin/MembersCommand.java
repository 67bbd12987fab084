package io.cairn.cli.admin;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code cairn members}: the members of the cluster with the partitions each owns. */
@Command(
        name = "members",
        mixinStandardHelpOptions = true,
        description = {
                "Lists the members of the cluster, the partitions each owns, the cluster state and safety.",
                "Reads GET /admin/cluster of one node. Exit code: 0 on success, 1 when the node fails, 2 on usage errors."})
public final class MembersCommand extends AdminCommand {

    private static final String ROW = "%-22s %-38s %10s%n";

    @Override
    int run(AdminClient client, PrintWriter out) {
        JsonNode cluster = client.get("/admin/cluster");
        if (options.json) {
            printJson(cluster, out);
            return 0;
        }

        out.printf("Cluster %s: state %s, cluster safe %s, %d partitions%s%n",
                cluster.path("clusterName").asString(), cluster.path("clusterState").asString(),
                cluster.path("clusterSafe").asBoolean() ? "yes" : "no", cluster.path("partitionCount").asInt(),
                cluster.path("partitionsWithoutOwner").asInt() > 0
                        ? " (" + cluster.path("partitionsWithoutOwner").asInt() + " without owner)" : "");
        out.println();
        out.printf(ROW, "MEMBER", "UUID", "PARTITIONS");
        for (JsonNode member : cluster.path("members").values()) {
            String address = member.path("address").asString() + (member.path("local").asBoolean() ? " *" : "");
            out.printf(ROW, address, member.path("uuid").asString(), member.path("partitions").asInt());
        }
        out.printf("(* is the member of the node that returned this list: %s)%n", client.node());

        JsonNode migrations = cluster.path("migrations");
        if (migrations.isObject() && migrations.path("inProgress").asBoolean()) {
            out.printf("Migrations in progress: %d of %d done, %d remaining%n", migrations.path("completed").asInt(),
                    migrations.path("planned").asInt(), migrations.path("remaining").asInt());
        } else {
            out.println("Migrations: none in progress");
        }
        out.flush();
        return 0;
    }
}
