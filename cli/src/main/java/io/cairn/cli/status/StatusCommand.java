package io.cairn.cli.status;

import io.cairn.cli.CairnCli;
import io.cairn.cli.admin.PartitionSummary;
import io.cairn.cli.local.LocalRunFile;
import io.cairn.testkit.NodeHealth;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn status}: reads {@code /actuator/health} of each node and prints members and shards.
 * The nodes come from {@code run/local.json}, or from {@code --node} options.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the health of each node and shard.",
                "Shows members, cluster safety and the state of each PostgreSQL shard as each node reports them,",
                "and the partitions per member when the admin token is known ($CAIRN_ADMIN_TOKEN or run/local.json).",
                "Reads the nodes of a running './cairn local' from run/local.json unless --node is given.",
                "Exit code: 0 when every node answers, 1 when one does not, 2 when no node is known."})
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--node", paramLabel = "URL",
            description = "Base URL of a node's HTTP server, for example http://127.0.0.1:8080; repeat for several nodes.")
    List<URI> nodeUris = new ArrayList<>();

    @Option(names = "--json", description = "Print the health documents as a JSON array instead of tables.")
    boolean json;

    @Override
    public Integer call() {
        List<URI> nodes = nodeUris.isEmpty() ? nodesFromRunFile() : nodeUris;
        if (nodes.isEmpty()) {
            return 2;
        }

        List<NodeStatus> statuses = new ArrayList<>();
        for (URI node : nodes) {
            statuses.add(NodeStatus.query(node));
        }

        if (json) {
            System.out.println(StatusJson.render(statuses));
        } else {
            StatusTable.print(statuses, System.out);
            PartitionSummary.print(nodes, System.out);
        }
        return statuses.stream().allMatch(NodeStatus::reachable) ? 0 : 1;
    }

    private static List<URI> nodesFromRunFile() {
        Path runFile = LocalRunFile.path(CairnCli.home());
        if (!Files.exists(runFile)) {
            System.err.printf("No local cluster found: %s does not exist. Start one with './cairn local', "
                    + "or pass --node http://127.0.0.1:PORT.%n", runFile);
            return List.of();
        }
        return LocalRunFile.read(runFile).nodes().stream()
                .map(node -> URI.create(node.httpUrl()))
                .toList();
    }

    /**
     * The health of one node, or why it could not be read.
     *
     * @param node base URI of the node
     * @param health its health, or null if the request failed
     * @param error why the health could not be read, or null
     */
    record NodeStatus(URI node, NodeHealth health, String error) {

        static NodeStatus query(URI node) {
            try {
                return new NodeStatus(node, NodeHealth.fetch(node), null);
            } catch (RuntimeException e) {
                return new NodeStatus(node, null, e.getMessage());
            }
        }

        boolean reachable() {
            return health != null;
        }
    }
}
