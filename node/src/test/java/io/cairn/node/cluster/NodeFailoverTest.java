package io.cairn.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.testkit.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes as separate JVMs, memory-only (no shards), one backup per entry: killing one node's
 * JVM with SIGKILL loses no entry, because each partition it owned has a backup on a survivor.
 */
class NodeFailoverTest {

    private static final String CACHE = "failover";
    private static final int ENTRIES = 10_000;
    private static final int BATCH_SIZE = 500;
    private static final int KILLED_NODE = 1;
    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path workDirectory;

    /** A JSON value with a number and a text, so a wrong or partial value cannot compare equal. */
    public record Item(int number, String text) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sigkillLosesNoEntry() {
        try (LocalCluster cluster = LocalCluster.builder()
                .nodes(3)
                .cache(CACHE, 1)
                .workDirectory(workDirectory)
                .start();
             CairnClient client = cluster.clientBuilder().build()) {

            CairnCache<Item> cache = client.cache(CACHE, Item.class);
            Map<String, Item> written = new LinkedHashMap<>();
            for (int i = 0; i < ENTRIES; i++) {
                written.put(String.format("entry-%05d", i), new Item(i, "value of entry " + i));
            }
            for (List<String> batch : batches(written.keySet())) {
                Map<String, Item> entries = new HashMap<>();
                batch.forEach(key -> entries.put(key, written.get(key)));
                cache.putAll(entries);
            }

            long killedPid = cluster.node(KILLED_NODE).pid();
            cluster.killNode(KILLED_NODE);
            assertThat(cluster.node(KILLED_NODE).isAlive()).isFalse();
            assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            cluster.awaitClusterSafe(SAFE_TIMEOUT);
            assertThat(cluster.liveNodes()).hasSize(2);

            Map<String, Item> found = new HashMap<>();
            for (List<String> batch : batches(written.keySet())) {
                found.putAll(cache.getAll(batch));
            }
            assertThat(found).hasSize(ENTRIES);
            for (Map.Entry<String, Item> entry : written.entrySet()) {
                assertThat(found.get(entry.getKey())).as("value of %s", entry.getKey()).isEqualTo(entry.getValue());
            }
        }
    }

    private static List<List<String>> batches(Iterable<String> keys) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String key : keys) {
            current.add(key);
            if (current.size() == BATCH_SIZE) {
                batches.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
