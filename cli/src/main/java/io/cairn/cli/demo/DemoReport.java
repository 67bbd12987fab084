package io.cairn.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Result of one demo run, printed at the end and written as JSON.
 *
 * @param clusterName Hazelcast cluster name
 * @param workDirectory directory with settings, logs and this report
 * @param nodes nodes started
 * @param shards PostgreSQL shards started
 * @param entries keys written per round
 * @param threads client threads
 * @param startupMillis time to start shards and nodes until all were ready
 * @param phases results in run order
 * @param killToSafeMillis time from SIGKILL to a safe cluster, or -1 if no node was killed
 * @param entriesLost keys whose acknowledged value was missing or different, summed over all verifications
 * @param passed true when no entry was lost
 */
public record DemoReport(
        String clusterName,
        String workDirectory,
        int nodes,
        int shards,
        int entries,
        int threads,
        long startupMillis,
        List<PhaseResult> phases,
        long killToSafeMillis,
        long entriesLost,
        boolean passed) {

    static final String FILE_NAME = "demo-report.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Writes the report to {@code demo-report.json} in {@code directory} and returns the file. */
    Path writeTo(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.writeString(file, JSON.writeValueAsString(this) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the demo report to " + file, e);
        }
        return file;
    }

    void print(PrintStream out) {
        out.println();
        out.println("Demo report");
        out.printf("  cluster %s: %d nodes, %d shards, %,d entries, %d client threads%n",
                clusterName, nodes, shards, entries, threads);
        out.printf("  startup: %,d ms%n", startupMillis);
        out.printf("  %-16s %10s %10s %10s %12s%n", "phase", "ops", "failed", "ms", "ops/s");
        for (PhaseResult phase : phases) {
            out.printf("  %-16s %,10d %,10d %,10d %,12.0f%n", phase.name(), phase.operations(), phase.failedAttempts(),
                    phase.millis(), phase.operationsPerSecond());
        }
        for (PhaseResult phase : phases) {
            if (!phase.details().isEmpty()) {
                out.printf("  %s: %s%n", phase.name(), format(phase.details()));
            }
        }
        out.printf("  kill to safe cluster: %s%n", killToSafeMillis < 0 ? "no kill" : String.format("%,d ms", killToSafeMillis));
        out.printf("  entries lost: %,d%n", entriesLost);
        out.println(passed ? "  PASSED: every acknowledged write survived" : "  FAILED: acknowledged writes were lost");
    }

    private static String format(Map<String, Object> details) {
        StringBuilder text = new StringBuilder();
        details.forEach((key, value) -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(key).append('=').append(value);
        });
        return text.toString();
    }
}
