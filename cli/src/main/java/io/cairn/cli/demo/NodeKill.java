package io.cairn.cli.demo;

import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Kills one node's JVM with SIGKILL and waits until the remaining nodes report a safe cluster,
 * measuring the time between the two.
 */
final class NodeKill implements Disruption {

    private final LocalCluster cluster;
    private final int nodeIndex;
    private final Duration safeTimeout;
    private final PrintStream out;
    private volatile CompletableFuture<Map<String, Object>> result;

    NodeKill(LocalCluster cluster, int nodeIndex, Duration safeTimeout, PrintStream out) {
        this.cluster = cluster;
        this.nodeIndex = nodeIndex;
        this.safeTimeout = safeTimeout;
        this.out = out;
    }

    @Override
    public synchronized void start() {
        if (result != null) {
            throw new IllegalStateException("The kill of node " + nodeIndex + " was already started");
        }
        result = CompletableFuture.supplyAsync(this::killAndAwaitSafe);
    }

    @Override
    public Map<String, Object> awaitResult() {
        if (result == null) {
            throw new IllegalStateException("The kill of node " + nodeIndex + " never started");
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the cluster to recover from the kill of node "
                    + nodeIndex, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Killing node " + nodeIndex + " or waiting for a safe cluster failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private Map<String, Object> killAndAwaitSafe() {
        NodeProcess node = cluster.node(nodeIndex);
        long pid = node.pid();
        out.printf("  >>> SIGKILL node %d (pid %d, member %s)%n", nodeIndex, pid, node.memberAddress());

        long killedAt = System.nanoTime();
        cluster.killNode(nodeIndex);
        cluster.awaitClusterSafe(safeTimeout);
        long killToSafeMillis = (System.nanoTime() - killedAt) / 1_000_000;
        out.printf("  >>> cluster safe again with %d nodes, %,d ms after the kill%n",
                cluster.liveNodes().size(), killToSafeMillis);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("killedNode", nodeIndex);
        details.put("killedPid", pid);
        details.put("killToSafeMillis", killToSafeMillis);
        return details;
    }
}
