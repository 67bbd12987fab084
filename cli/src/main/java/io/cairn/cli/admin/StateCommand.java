package io.cairn.cli.admin;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code cairn state [NEW_STATE]}: prints or changes the Hazelcast cluster state. */
@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the cluster state, or changes it to NEW_STATE: ACTIVE, NO_MIGRATION, FROZEN or PASSIVE.",
                "NO_MIGRATION stops partition rebalancing; FROZEN also keeps members out; PASSIVE rejects writes.",
                "Exit code: 0 on success, 1 when the node rejects the change, 2 on usage errors."})
public final class StateCommand extends AdminCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NEW_STATE", description = "State to set; leave out to print the current one.")
    String newState;

    @Override
    int run(AdminClient client, PrintWriter out) {
        if (newState == null) {
            JsonNode cluster = client.get("/admin/cluster");
            if (options.json) {
                ObjectNode body = AdminClient.JSON.createObjectNode();
                body.put("state", cluster.path("clusterState").asString());
                printJson(body, out);
            } else {
                out.println(cluster.path("clusterState").asString());
            }
            out.flush();
            return 0;
        }

        ObjectNode request = AdminClient.JSON.createObjectNode();
        request.put("state", newState);
        JsonNode body = client.post("/admin/state", AdminClient.JSON.writeValueAsString(request));
        if (options.json) {
            printJson(body, out);
        } else {
            out.printf("Cluster state changed from %s to %s%n", body.path("previous").asString(), body.path("state").asString());
        }
        out.flush();
        return 0;
    }
}
