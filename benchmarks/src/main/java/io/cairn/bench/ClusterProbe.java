package io.cairn.bench;

import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeHealth;
import io.cairn.testkit.NodeProcess;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads the state of a local cluster's nodes over HTTP and, for heap figures, with {@code jcmd}. */
final class ClusterProbe {

    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(5);

    /** Time after the last dirty entry is gone, so that the flusher's counters of that round are published. */
    private static final Duration FLUSH_SETTLE = Duration.ofSeconds(1);

    /** Change of the summed old generation below which two readings count as settled. */
    private static final double SETTLED_HEAP_BYTES = 2 * 1024 * 1024;

    private static final int MAX_HEAP_READINGS = 10;

    private final LocalCluster cluster;

    ClusterProbe(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Waits until no live node has a dirty entry, then one more second for the counters. */
    void awaitFlushed() {
        Awaitility.await("write-behind flush of every dirty entry")
                .atMost(FLUSH_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> dirtyEntries() == 0);
        Awaitility.await().pollDelay(FLUSH_SETTLE).until(() -> true);
    }

    long dirtyEntries() {
        long dirty = 0;
        for (NodeProcess node : cluster.liveNodes()) {
            NodeHealth health = node.health();
            dirty += Math.max(0, health.dirtyEntries());
            dirty += health.shards().stream().mapToLong(shard -> Math.max(0, shard.dirtyEntries())).sum();
        }
        return dirty;
    }

    /** Returns the sum of {@code cairn_flush_statements_total} over the live nodes. */
    double flushStatements() {
        return sum("cairn_flush_statements_total");
    }

    /** Returns the sum of {@code cairn_flush_rows_total} over the live nodes. */
    double flushRows() {
        return sum("cairn_flush_rows_total");
    }

    /** Returns the sum of {@code cairn_loads_total} over the live nodes, for one result such as {@code hit}. */
    double loads(String result) {
        double total = 0;
        for (NodeProcess node : cluster.liveNodes()) {
            total += PrometheusScrape.of(node.httpUri()).sum("cairn_loads_total", "result=\"" + result + "\"");
        }
        return total;
    }

    /** Returns the sum of one gauge or counter family over the live nodes, for samples whose labels contain all parts. */
    double sum(String family, String... labelParts) {
        double total = 0;
        for (NodeProcess node : cluster.liveNodes()) {
            total += PrometheusScrape.of(node.httpUri()).sum(family, labelParts);
        }
        return total;
    }

    /** Returns true when every live node reports a safe cluster with as many members as there are live nodes. */
    boolean clusterSafe() {
        List<NodeProcess> live = cluster.liveNodes();
        for (NodeProcess node : live) {
            try {
                NodeHealth health = node.health();
                if (!health.clusterSafe() || health.members().size() != live.size()) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs a full garbage collection on every live node with {@code jcmd <pid> GC.run} and returns
     * the sum of their old-generation use afterwards, from
     * {@code jvm_memory_used_bytes{id="Tenured Gen"}}. The nodes run the serial collector, whose full
     * collection compacts every live object into the old generation. Eden is left out because
     * the scrape and the nodes' background tasks allocate into it right after the collection.
     */
    double usedHeapAfterGc() {
        for (NodeProcess node : cluster.liveNodes()) {
            runGc(node.pid());
            runGc(node.pid());
        }
        double tenured = sum("jvm_memory_used_bytes", "area=\"heap\"", "id=\"Tenured Gen\"");
        if (tenured == 0) {
            throw new IllegalStateException("The nodes report no 'Tenured Gen' heap pool; they must run -XX:+UseSerialGC");
        }
        return tenured;
    }

    /**
     * Repeats {@link #usedHeapAfterGc()} a second apart until two readings differ by less than
     * {@value #SETTLED_HEAP_BYTES} bytes, at most {@value #MAX_HEAP_READINGS} times, and returns the last.
     */
    double settledHeapAfterGc() {
        double previous = usedHeapAfterGc();
        for (int reading = 1; reading < MAX_HEAP_READINGS; reading++) {
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            double current = usedHeapAfterGc();
            if (Math.abs(current - previous) < SETTLED_HEAP_BYTES) {
                return current;
            }
            previous = current;
        }
        System.out.printf("  (heap did not settle within %d readings; last change %,.0f bytes)%n", MAX_HEAP_READINGS,
                Math.abs(previous - usedHeapAfterGc()));
        return previous;
    }

    private static void runGc(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process process = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " GC.run did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " GC.run failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to run " + jcmd + " on node pid " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running jcmd on node pid " + pid, e);
        }
    }
}
