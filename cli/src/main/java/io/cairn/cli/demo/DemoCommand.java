package io.cairn.cli.demo;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.testkit.LocalCluster;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn demo}: starts a cluster, writes and reads entries through the SDK, kills a node in
 * the middle of a second round of writes, and checks that no acknowledged write was lost.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Runs a failover demo on a new cluster and checks that no acknowledged write is lost.",
                "Starts 2 PostgreSQL shards and 3 nodes on 127.0.0.1, writes entries through the SDK, reads them",
                "back, kills one node with SIGKILL midway through a second round of writes, waits for a safe",
                "cluster and checks every key against the last acknowledged value. Exits 1 if any entry was lost."})
public final class DemoCommand implements Callable<Integer> {

    static final String CACHE = "demo";

    private static final int NODES = 3;
    private static final int SHARDS = 2;
    private static final int BACKUP_COUNT = 1;
    private static final int KILLED_NODE = 1;
    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(2);

    @Option(names = "--entries", defaultValue = "10000", description = "Keys written in each round (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--threads", defaultValue = "4", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--work-dir", description = "Directory for settings, logs, shard data and the report (default: a new temporary directory).")
    Path workDirectory;

    @Override
    public Integer call() throws Exception {
        if (entries < 2) {
            throw new IllegalArgumentException("--entries must be at least 2, got " + entries);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }

        PrintStream out = System.out;
        Path directory = workDirectory != null ? workDirectory : Files.createTempDirectory("cairn-demo-");
        out.printf("Starting %d PostgreSQL shards and %d nodes in %s%n", SHARDS, NODES, directory);

        long startupBegin = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.builder()
                .nodes(NODES)
                .shards(SHARDS)
                .cache(CACHE, BACKUP_COUNT)
                .workDirectory(directory)
                .start()) {
            long startupMillis = (System.nanoTime() - startupBegin) / 1_000_000;
            out.printf("Cluster %s is ready after %,d ms; node logs are in %s%n", cluster.clusterName(), startupMillis, directory);

            DemoReport report;
            try (CairnClient client = cluster.clientBuilder().build()) {
                CairnCache<DemoValue> cache = client.cache(CACHE, DemoValue.class);
                DemoContext context = new DemoContext(cluster, cache, keys(entries), new Ledger(), threads, out);
                report = runPhases(context, phases(cluster, out), startupMillis);
            }

            report.print(out);
            Path reportFile = report.writeTo(directory);
            out.printf("Report written to %s%n", reportFile);
            out.println("Stopping nodes and shards");
            return report.passed() ? 0 : 1;
        }
    }

    /**
     * Returns the workload: load, read back, a second round with a node killed midway, then a
     * flush and a final verification. Each phase is its own class, so a workload can be swapped whole.
     */
    private static List<DemoPhase> phases(LocalCluster cluster, PrintStream out) {
        return List.of(
                new WritePhase("write", 1, null),
                new VerifyPhase("read-back"),
                new WritePhase("write-and-kill", 2, new NodeKill(cluster, KILLED_NODE, SAFE_TIMEOUT, out)),
                new FlushPhase("flush", FLUSH_TIMEOUT),
                new VerifyPhase("verify"));
    }

    private DemoReport runPhases(DemoContext context, List<DemoPhase> phases, long startupMillis) {
        List<PhaseResult> results = new ArrayList<>();
        for (DemoPhase phase : phases) {
            context.out().printf("Phase %s%n", phase.name());
            results.add(phase.run(context));
        }

        long killToSafe = -1;
        long lost = 0;
        for (PhaseResult result : results) {
            if (result.details().get("killToSafeMillis") instanceof Long millis) {
                killToSafe = millis;
            }
            if (result.details().get(VerifyPhase.LOST) instanceof Long count) {
                lost += count;
            }
        }

        return new DemoReport(context.cluster().clusterName(), context.cluster().workDirectory().toString(), NODES, SHARDS,
                entries, threads, startupMillis, results, killToSafe, lost, lost == 0);
    }

    private static List<String> keys(int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(String.format("demo-%05d", i));
        }
        return List.copyOf(keys);
    }
}
