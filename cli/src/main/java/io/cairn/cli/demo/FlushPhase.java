package io.cairn.cli.demo;

import io.cairn.testkit.NodeHealth;
import io.cairn.testkit.NodeProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits until every live node reports no dirty entries for any shard in its health, which means
 * that write-behind has stored every write in PostgreSQL. Skipped when the cluster has no shards.
 */
final class FlushPhase {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final String name;
    private final Duration timeout;

    FlushPhase(String name, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
    }

    PhaseResult run(DemoContext context) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (context.cluster().shards().isEmpty()) {
            details.put("skipped", "no shards");
            return PhaseResult.of(name, 0, 0, 0, details);
        }

        AtomicLong dirty = new AtomicLong(-1);
        long start = System.nanoTime();
        try (Progress progress = new Progress(name, 0, context.out(), () -> "dirty entries " + dirty.get())) {
            Awaitility.await("write-behind flush of cluster " + context.cluster().clusterName())
                    .atMost(timeout)
                    .pollInterval(POLL_INTERVAL)
                    .until(() -> {
                        dirty.set(dirtyEntries(context));
                        return dirty.get() == 0;
                    });
        } catch (ConditionTimeoutException e) {
            details.put("timedOut", true);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        details.put("dirtyEntriesLeft", dirty.get());
        context.out().printf("  [%s] dirty entries left: %,d after %,d ms%n", name, dirty.get(), millis);
        return PhaseResult.of(name, 0, 0, millis, details);
    }

    /** Sum of dirty entries over live nodes; -1 if a node did not report them. */
    private static long dirtyEntries(DemoContext context) {
        long total = 0;
        for (NodeProcess node : context.cluster().liveNodes()) {
            NodeHealth health = node.health();
            if (health.dirtyEntries() < 0) {
                return -1;
            }
            total += health.dirtyEntries();
        }
        return total;
    }
}
