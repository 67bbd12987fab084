package io.cairn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Collects the figures of each section into Markdown tables ({@code summary.md}) and charts, with
 * the target each figure is held against.
 */
final class Report {

    /** Targets by ratio name: at least this value, except where {@link #AT_MOST} lists the name. */
    private static final Map<String, Double> TARGETS = Map.of(
            "cairn-sdk-put / plain-hazelcast-set", 0.9,
            "cairn-sdk-get / plain-hazelcast-get", 0.9,
            "cairn-near-cache-get / redis-get", 10.0,
            "cairn-sdk-put / redis-set-wait-replica", 0.5,
            "heap per entry: Cairn / plain Hazelcast", 1.3);

    private static final String AT_MOST = "heap per entry: Cairn / plain Hazelcast";

    private static final double MAX_HOT_KEY_STATEMENTS_PER_1000 = 20;
    private static final double MAX_SAFE_SECONDS = 15;

    private final SuiteSettings settings;
    private final Charts charts;
    private final Map<String, Stats> ratios = new LinkedHashMap<>();
    private final StringBuilder markdown = new StringBuilder();

    Report(SuiteSettings settings, Charts charts) {
        this.settings = settings;
        this.charts = charts;
    }

    void memory(MemoryBenchmark.Result result) throws IOException {
        ratios.put(AT_MOST, result.ratio());
        markdown.append(String.format("%n### Memory: heap per entry, %,d entries of 1 KB JSON, owned and backup copies%n%n",
                result.entries()));
        table("system", "bytes per entry (median, min–max)");
        row("Cairn cache", result.cairnBytesPerEntry().format("%,.0f"));
        row("plain Hazelcast IMap<String, HazelcastJsonValue>", result.plainBytesPerEntry().format("%,.0f"));
        row("Hazelcast's owned-entry cost of the Cairn map (owned copy only)", result.cairnOwnedCostPerEntry().format("%,.0f"));
        row("**ratio Cairn / plain** (target at most 1.3)", verdict(result.ratio(), 1.3, false));

        Map<String, Map<String, Stats>> bars = new LinkedHashMap<>();
        bars.put("Cairn cache", Map.of("heap bytes per entry", result.cairnBytesPerEntry()));
        bars.put("plain Hazelcast", Map.of("heap bytes per entry", result.plainBytesPerEntry()));
        charts.bars("memory.png", "Heap per 1 KB entry, owned + backup, summed over 3 nodes", "bytes", bars, false);
    }

    void operations(OperationsBenchmark.Result result) throws IOException {
        ratios.putAll(result.ratios());
        markdown.append(String.format("%n### Operations: single-key get and put, %d threads, %,d keys, values of %,d bytes%n%n",
                settings.threads(), settings.keys(), result.valueBytes()));
        table("operation", "operations/s (median, min–max)");
        result.throughput().forEach((name, stats) -> row(name, stats.format("%,.0f")));
        markdown.append("\n");
        table("ratio", "median (min–max), target");
        result.ratios().forEach((name, stats) -> row(name, TARGETS.containsKey(name)
                ? verdict(stats, TARGETS.get(name), true) : stats.format("%.2f") + ", reported"));

        Map<String, Map<String, Stats>> bars = new LinkedHashMap<>();
        result.throughput().forEach((name, stats) -> {
            String operation = name.endsWith("get") ? "get" : "put / set";
            String system = name.replace("-get", "").replace("-put", "").replace("-set", "").replace("-wait-replica", " + WAIT 1 replica");
            bars.computeIfAbsent(system, s -> new LinkedHashMap<>()).put(operation, stats);
        });
        charts.bars("operations.png", "Single-key operations per second, 1 KB JSON, " + settings.threads() + " threads",
                "operations per second", bars, true);
    }

    void trace(TraceReplayBenchmark.Result result) throws IOException {
        ratios.putAll(result.ratios());
        markdown.append(String.format("%n### orm-busy trace replay from cold caches: %,d requests over %,d keys at most,"
                + " %.1f s per run%n%n", result.requests(), result.distinctKeys(), settings.traceSeconds()));
        table("system", "requests/s (median, min–max)", "misses per request (median)");
        result.throughput().forEach((name, stats) ->
                row(name, stats.format("%,.0f"), String.format("%.3f", result.misses().get(name).median())));
        markdown.append("\n");
        table("ratio", "median (min–max)");
        result.ratios().forEach((name, stats) -> row(name, stats.format("%.2f")));

        Map<String, Map<String, Stats>> bars = new LinkedHashMap<>();
        result.throughput().forEach((name, stats) -> bars.put(name, Map.of("orm-busy replay", stats)));
        charts.bars("trace.png", "orm-busy trace replay from cold caches, requests per second", "requests per second",
                bars, false);
    }

    void writeBehind(Map<String, WriteThroughComparison.WorkloadResult> results) throws IOException {
        markdown.append(String.format("%n### Write-behind against write-through, %d threads, same PostgreSQL shards%n%n",
                settings.threads()));
        table("workload", "Cairn writes/s", "write-through writes/s", "ratio", "Cairn statements per 1,000 writes",
                "Cairn rows per 1,000 writes", "write-through statements per 1,000 writes");
        Map<String, Map<String, Stats>> rates = new LinkedHashMap<>();
        Map<String, Map<String, Stats>> statements = new LinkedHashMap<>();
        results.forEach((workload, result) -> {
            String cairnStatements = workload.startsWith("hot-key")
                    ? verdict(result.cairnStatementsPer1000(), MAX_HOT_KEY_STATEMENTS_PER_1000, false)
                    : result.cairnStatementsPer1000().format("%.2f");
            row(workload, result.cairnWritesPerSecond().format("%,.0f"), result.writeThroughWritesPerSecond().format("%,.0f"),
                    result.ratio().format("%.2f"), cairnStatements, result.cairnRowsPer1000().format("%.1f"),
                    result.writeThroughStatementsPer1000().format("%.0f"));
            rates.computeIfAbsent("Cairn write-behind", s -> new LinkedHashMap<>()).put(workload, result.cairnWritesPerSecond());
            rates.computeIfAbsent("write-through (HikariCP)", s -> new LinkedHashMap<>())
                    .put(workload, result.writeThroughWritesPerSecond());
            statements.computeIfAbsent("Cairn write-behind", s -> new LinkedHashMap<>())
                    .put(workload, result.cairnStatementsPer1000());
            statements.computeIfAbsent("write-through (HikariCP)", s -> new LinkedHashMap<>())
                    .put(workload, result.writeThroughStatementsPer1000());
        });
        charts.bars("write-behind-throughput.png", "Application writes per second", "writes per second", rates, false);
        charts.bars("write-behind-statements.png", "PostgreSQL statements per 1,000 application writes", "statements",
                statements, true);
    }

    void failover(FailoverBenchmark.Result result) throws IOException {
        markdown.append(String.format("%n### Failover: SIGKILL of one of three nodes under %d writing threads, %d runs%n%n",
                settings.threads(), result.runs().size()));
        table("figure", "median (min–max)");
        row("seconds from the kill to a safe cluster (target at most 15)",
                verdict(result.safeAfterSeconds(), MAX_SAFE_SECONDS, false));
        row("lowest 500 ms bucket after the kill / mean bucket before it", result.lowestBucketRatio().format("%.2f"));
        row("write rate before the kill, writes/s", Stats.of(result.runs().stream()
                .map(FailoverBenchmark.RunResult::writesPerSecondBeforeKill).toList()).format("%,.0f"));
        long acknowledged = result.runs().stream().mapToLong(FailoverBenchmark.RunResult::acknowledgedWrites).sum();
        long failed = result.runs().stream().mapToLong(FailoverBenchmark.RunResult::failedWrites).sum();
        long checked = result.runs().stream().mapToLong(FailoverBenchmark.RunResult::checkedKeys).sum();
        row("acknowledged writes, all runs", String.format("%,d", acknowledged));
        row("failed (unacknowledged) writes, all runs", String.format("%,d", failed));
        row("keys checked afterwards, all runs", String.format("%,d", checked));
        row("**lost acknowledged writes** (target 0)", result.lostWrites() + (result.lostWrites() == 0 ? ", met" : ", MISSED"));
        charts.failover(result);
    }

    /** Draws the ratio chart and writes {@code summary.md}. */
    void finish(String command, Machine machine) throws IOException {
        if (!ratios.isEmpty()) {
            charts.ratios(ratios, TARGETS);
        }
        String header = String.format("Command: `%s`%n%nMachine: %d processors, %,d MiB, %s; %s; load average at the"
                        + " start %s, at the end %s; benchmark JVM common pool parallelism %d%n", command, machine.processors(),
                machine.memoryKiB() / 1024, machine.cpuModel(), machine.jdk(), machine.loadAverage(),
                Machine.currentLoadAverage(), ForkJoinPool.getCommonPoolParallelism());
        Files.writeString(settings.output().resolve("summary.md"), header + markdown);
        System.out.println(header + markdown);
    }

    private static String verdict(Stats stats, double target, boolean atLeast) {
        boolean met = atLeast ? stats.median() >= target : stats.median() <= target;
        return stats.format("%.2f") + ", target " + (atLeast ? "≥ " : "≤ ") + target + ": " + (met ? "met" : "MISSED");
    }

    private void table(String... columns) {
        markdown.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        markdown.append(" --- |".repeat(columns.length)).append("\n");
    }

    private void row(String... cells) {
        markdown.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
