package io.cairn.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.testkit.LocalCluster;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs every comparison of Cairn against its alternatives in one process, on one machine, side by
 * side: three node JVMs and two PostgreSQL shards on loopback, a lone Redis, and a Redis primary
 * with one replica. Writes {@code results.json}, {@code summary.md} and PNG charts into the
 * output directory.
 *
 * <p>Run with {@code bench/run suite [--quick] [--threads=N] [--only=SECTION,...] [--output=DIRECTORY]}.
 */
public final class BenchmarkSuite {

    private static final String NODE_MAX_HEAP = "1g";

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        SuiteSettings settings = SuiteSettings.parse(args);
        Machine machine = Machine.current();
        String command = ("bench/run suite " + String.join(" ", args)).trim();
        System.out.printf("%s%nMachine: %d processors, %,d MiB, %s; %s; load average %s; common pool parallelism %d%n",
                command, machine.processors(), machine.memoryKiB() / 1024, machine.cpuModel(), machine.jdk(),
                machine.loadAverage(), ForkJoinPool.getCommonPoolParallelism());

        Path work = Files.createTempDirectory("cairn-bench-suite");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("command", command);
        results.put("started", Instant.now().toString());
        results.put("machine", machine);
        results.put("settings", settingsJson(settings));
        results.put("benchmarkJvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        results.put("commonPoolParallelism", ForkJoinPool.getCommonPoolParallelism());
        Report report = new Report(settings, new Charts(settings.output()));

        try (RedisServer lone = RedisServer.start("redis-lone", work);
             RedisServer primary = RedisServer.start("redis-primary", work);
             RedisServer replica = RedisServer.startReplica("redis-replica", work, primary);
             LocalCluster cluster = startCluster(work);
             Systems systems = new Systems(cluster);
             ShardPools database = new ShardPools(cluster.shards(), settings.threads())) {

            ClusterProbe probe = new ClusterProbe(cluster);
            if (settings.runs("memory")) {
                section("memory");
                MemoryBenchmark.Result memory = new MemoryBenchmark(settings, systems, probe).run();
                results.put("memory", memory);
                report.memory(memory);
            }
            if (settings.runs("operations")) {
                section("operations");
                OperationsBenchmark.Result operations = new OperationsBenchmark(settings, systems, lone, primary).run();
                results.put("operations", operations);
                report.operations(operations);
            }
            if (settings.runs("trace")) {
                section("trace");
                TraceReplayBenchmark.Result trace = new TraceReplayBenchmark(settings, systems, probe, lone, database).run();
                results.put("trace", trace);
                report.trace(trace);
            }
            if (settings.runs("write-behind")) {
                section("write-behind");
                Map<String, WriteThroughComparison.WorkloadResult> writeBehind =
                        new WriteThroughComparison(settings, systems, probe, database).run();
                results.put("writeBehind", writeBehind);
                report.writeBehind(writeBehind);
            }
            if (settings.runs("failover")) {
                section("failover");
                FailoverBenchmark.Result failover = new FailoverBenchmark(settings, systems, probe).run();
                results.put("failover", failover);
                report.failover(failover);
            }
        }

        results.put("finished", Instant.now().toString());
        results.put("loadAverageAtEnd", Machine.currentLoadAverage());
        Files.createDirectories(settings.output());
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValue(settings.output().resolve("results.json").toFile(), results);
        report.finish(command, machine);
        System.out.println("Wrote " + settings.output().resolve("results.json"));
    }

    private static LocalCluster startCluster(Path work) {
        System.out.println("Starting 2 PostgreSQL shards and 3 node JVMs (max heap " + NODE_MAX_HEAP + " each)");
        return LocalCluster.builder()
                .nodes(3)
                .shards(2)
                .cache(OperationsBenchmark.CACHE, 1)
                .cache(TraceReplayBenchmark.CACHE, 1)
                .cache(WriteThroughComparison.CACHE, 1)
                .cache(MemoryBenchmark.CACHE, 1)
                .cache(FailoverBenchmark.CACHE, 1)
                .maxHeap(NODE_MAX_HEAP)
                .workDirectory(work.resolve("cluster"))
                .start();
    }

    private static Map<String, Object> settingsJson(SuiteSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("quick", settings.quick());
        json.put("runs", settings.runs());
        json.put("secondsPerRun", settings.seconds());
        json.put("warmUpSeconds", settings.warmUpSeconds());
        json.put("threads", settings.threads());
        json.put("keys", settings.keys());
        json.put("traceRequests", settings.traceRequests());
        json.put("traceSeconds", settings.traceSeconds());
        json.put("memoryEntries", settings.memoryEntries());
        json.put("failoverRuns", settings.failoverRuns());
        json.put("nodes", 3);
        json.put("shards", 2);
        json.put("backupCount", 1);
        json.put("nodeMaxHeap", NODE_MAX_HEAP);
        return json;
    }

    private static void section(String name) {
        System.out.printf("%n== %s (load average %s)%n", name, Machine.currentLoadAverage());
    }
}
