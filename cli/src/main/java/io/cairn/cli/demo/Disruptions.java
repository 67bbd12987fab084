package io.cairn.cli.demo;

import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleSupplier;
import org.awaitility.Awaitility;

/**
 * Changes the cluster while the workload runs, each step once the replay has done a share of its
 * requests: SIGKILL one node, later start one more node, later drain one node with SIGTERM (it
 * flushes and hands its partitions over). After each step it waits for a safe cluster and records
 * how long that took.
 */
final class Disruptions {

    /** Share of the replay after which a node is killed. */
    static final double KILL_AT = 0.30;

    /** Share of the replay after which a node is added. */
    static final double ADD_AT = 0.55;

    /** Share of the replay after which a node is drained. */
    static final double DRAIN_AT = 0.80;

    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * One step and its timings.
     *
     * @param action kill, add or drain
     * @param node index of the node
     * @param pid process id of its JVM
     * @param atReplayShare share of the replay done when the step began
     * @param actionMillis duration of the action itself: the kill, the start until ready, or the SIGTERM until exit
     * @param toSafeMillis time from the start of the action until every live node reported a safe cluster
     * @param liveNodes live nodes after the step
     * @param exitCode exit code of a drained node, or null
     */
    record Event(String action, int node, long pid, double atReplayShare, long actionMillis, long toSafeMillis,
                 int liveNodes, Integer exitCode) {
    }

    private final LocalCluster cluster;
    private final int killedNode;
    private final int drainedNode;
    private final Duration safeTimeout;
    private final PrintStream out;
    private final List<Event> events = new ArrayList<>();
    private CompletableFuture<Void> run;

    Disruptions(LocalCluster cluster, int killedNode, int drainedNode, Duration safeTimeout, PrintStream out) {
        this.cluster = cluster;
        this.killedNode = killedNode;
        this.drainedNode = drainedNode;
        this.safeTimeout = safeTimeout;
        this.out = out;
    }

    /** Starts the steps in the background; each waits until {@code replayShare} reaches its threshold. */
    void start(DoubleSupplier replayShare) {
        run = CompletableFuture.runAsync(() -> {
            awaitShare(replayShare, KILL_AT);
            kill(replayShare.getAsDouble());
            awaitShare(replayShare, ADD_AT);
            add(replayShare.getAsDouble());
            awaitShare(replayShare, DRAIN_AT);
            drain(replayShare.getAsDouble());
        });
    }

    boolean isDone() {
        return run != null && run.isDone();
    }

    /** Waits for every step and returns the events; rethrows the failure of a step. */
    List<Event> await() {
        try {
            run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the node kill, add and drain steps", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A node kill, add or drain step failed: " + e.getCause().getMessage(), e.getCause());
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Time from the SIGKILL to a safe cluster, or -1 if no kill finished. */
    long killToSafeMillis() {
        synchronized (events) {
            return events.stream().filter(event -> event.action().equals("kill")).mapToLong(Event::toSafeMillis)
                    .findFirst().orElse(-1);
        }
    }

    /** Summary of the events for the report. */
    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        synchronized (events) {
            for (Event event : events) {
                details.put(event.action() + "ToSafeMillis", event.toSafeMillis());
            }
        }
        return details;
    }

    private void kill(double share) {
        NodeProcess node = cluster.node(killedNode);
        long pid = node.pid();
        out.printf("  >>> SIGKILL node %d (pid %d, member %s)%n", killedNode, pid, node.memberAddress());

        long start = System.nanoTime();
        cluster.killNode(killedNode);
        long actionMillis = millisSince(start);
        cluster.awaitClusterSafe(safeTimeout);
        record(new Event("kill", killedNode, pid, share, actionMillis, millisSince(start), cluster.liveNodes().size(), null));
    }

    private void add(double share) {
        out.println("  >>> starting one more node");

        long start = System.nanoTime();
        NodeProcess node = cluster.addNode();
        long actionMillis = millisSince(start);
        cluster.awaitClusterSafe(safeTimeout);
        record(new Event("add", node.index(), node.pid(), share, actionMillis, millisSince(start),
                cluster.liveNodes().size(), null));
    }

    private void drain(double share) {
        NodeProcess node = cluster.node(drainedNode);
        long pid = node.pid();
        out.printf("  >>> SIGTERM node %d (pid %d): drain, flush and hand partitions over%n", drainedNode, pid);

        long start = System.nanoTime();
        int exitCode = cluster.stopNode(drainedNode);
        long actionMillis = millisSince(start);
        cluster.awaitClusterSafe(safeTimeout);
        record(new Event("drain", drainedNode, pid, share, actionMillis, millisSince(start), cluster.liveNodes().size(),
                exitCode));
    }

    private void record(Event event) {
        synchronized (events) {
            events.add(event);
        }
        out.printf("  >>> %s of node %d done in %,d ms; cluster safe with %d nodes %,d ms after it began%n",
                event.action(), event.node(), event.actionMillis(), event.liveNodes(), event.toSafeMillis());
    }

    private static void awaitShare(DoubleSupplier replayShare, double threshold) {
        Awaitility.await("replay share " + threshold)
                .forever()
                .pollInterval(POLL)
                .until(() -> replayShare.getAsDouble() >= threshold);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
