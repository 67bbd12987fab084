package io.cairn.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sizes of one suite run. {@code --quick} shrinks every run for development; its figures are
 * not for reporting.
 *
 * @param quick whether the quick sizes are in use
 * @param runs runs per figure; the median, minimum and maximum are reported
 * @param seconds length of one measured throughput run
 * @param warmUpSeconds length of the unreported run of each operation before the measured ones
 * @param threads client threads of every system under test
 * @param keys keys read and written by the get and put benchmarks
 * @param traceRequests requests of the orm-busy trace replayed from its start in each run, at most
 * @param traceSeconds maximum length of one trace replay
 * @param memoryEntries entries loaded into each map by the memory benchmark
 * @param failoverRuns node kills of the failover benchmark
 * @param output directory of results.json and the charts
 * @param sections benchmarks to run, by name
 */
record SuiteSettings(boolean quick, int runs, double seconds, double warmUpSeconds, int threads, int keys,
                     int traceRequests, double traceSeconds, int memoryEntries, int failoverRuns, Path output,
                     Set<String> sections) {

    static final List<String> SECTIONS = List.of("memory", "operations", "trace", "write-behind", "failover");

    private static final int DEFAULT_THREADS = 8;

    static SuiteSettings parse(String[] args) {
        boolean quick = false;
        Path output = Path.of("docs", "benchmarks");
        Set<String> sections = new LinkedHashSet<>(SECTIONS);
        int threads = DEFAULT_THREADS;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--output=")) {
                output = Path.of(arg.substring("--output=".length()));
            } else if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(arg.substring("--threads=".length()));
            } else if (arg.startsWith("--only=")) {
                sections = new LinkedHashSet<>(List.of(arg.substring("--only=".length()).split(",")));
                if (!SECTIONS.containsAll(sections)) {
                    throw new IllegalArgumentException("--only takes a comma-separated list of " + SECTIONS + ", got " + sections);
                }
            } else {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; use --quick, --threads=N,"
                        + " --only=" + String.join(",", SECTIONS) + " or --output=DIRECTORY");
            }
        }
        if (quick) {
            return new SuiteSettings(true, 2, 1.0, 0.5, threads, 2_000, 200_000, 1.5, 10_000, 1, output, sections);
        }
        return new SuiteSettings(false, 5, 3.0, 2.0, threads, 10_000, 2_000_000, 4.0, 100_000, 5, output, sections);
    }

    boolean runs(String section) {
        return sections.contains(section);
    }
}
