package io.cairn.cli.admin;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code cairn drain NODE}: flushes a node, hands its partitions over, and stops it. */
@Command(
        name = "drain",
        mixinStandardHelpOptions = true,
        description = {
                "Drains NODE: it writes its dirty entries to PostgreSQL, hands its partitions to the other members and",
                "exits with status 0, the same path as SIGTERM (POST /admin/drain). Then waits until the node stops",
                "answering and, with --via, until the remaining cluster is safe.",
                "Exit code: 0 when drained, 1 on failure or timeout, 2 on usage errors."})
public final class DrainCommand extends AdminCommand {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    @Parameters(index = "0", paramLabel = "NODE",
            description = "Node to drain: its index in run/local.json, host:port of its HTTP server, or a URL.")
    String target;

    @Option(names = "--via", paramLabel = "NODE",
            description = "Another node to watch until the cluster is safe again. Default: another node of run/local.json, if any.")
    String via;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Maximum seconds to wait for the node to stop and the cluster to be safe (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--no-wait", description = "Return once the node accepted the drain.")
    boolean noWait;

    @Override
    URI targetNode() {
        return AdminOptions.resolveNode(target);
    }

    @Override
    int run(AdminClient client, PrintWriter out) {
        JsonNode accepted = client.post("/admin/drain", null);
        if (options.json) {
            printJson(accepted, out);
        } else {
            out.printf("Node %s (member %s) is draining; %s dirty entries to write.%n", client.node(),
                    accepted.path("member").asString(), Tables.count(accepted.path("dirtyEntries").asLong()));
            out.flush();
        }
        if (noWait) {
            return 0;
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (client.isReachable()) {
            if (!pause(deadline)) {
                throw new AdminCommandException(AdminCommandException.FAILED, "Node " + client.node()
                        + " still answers after " + timeoutSeconds + " s; check its log");
            }
        }
        if (!options.json) {
            out.printf("Node %s stopped.%n", client.node());
            out.flush();
        }

        URI watcher = watcherNode(client.node());
        if (watcher == null) {
            if (!options.json) {
                out.println("Run 'cairn members --node NODE' on another node to see when the cluster is safe again.");
            }
            out.flush();
            return 0;
        }

        AdminClient watch = new AdminClient(watcher, options.token());
        String member = accepted.path("member").asString();
        while (true) {
            JsonNode cluster = watch.get("/admin/cluster");
            boolean gone = cluster.path("members").values().stream()
                    .noneMatch(line -> member.equals(line.path("address").asString()));
            if (gone && cluster.path("clusterSafe").asBoolean()) {
                if (!options.json) {
                    out.printf("Cluster is safe with %d members (seen by %s).%n", cluster.path("members").size(), watcher);
                }
                out.flush();
                return 0;
            }
            if (!pause(deadline)) {
                throw new AdminCommandException(AdminCommandException.FAILED, "Cluster not safe " + timeoutSeconds
                        + " s after the drain of " + member + "; run 'cairn members --node " + watcher + "'");
            }
        }
    }

    private URI watcherNode(URI drained) {
        if (via != null) {
            return AdminOptions.resolveNode(via);
        }
        try {
            for (int index = 0; index < io.cairn.testkit.LocalCluster.MAX_MEMBERS; index++) {
                URI candidate = AdminOptions.resolveNode(Integer.toString(index));
                if (!candidate.equals(drained) && new AdminClient(candidate, options.token()).isReachable()) {
                    return candidate;
                }
            }
        } catch (AdminCommandException e) {
            // No run file, or fewer nodes in it: there is no other node to watch.
        }
        return null;
    }

    private static boolean pause(long deadline) {
        if (System.nanoTime() > deadline) {
            return false;
        }
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
