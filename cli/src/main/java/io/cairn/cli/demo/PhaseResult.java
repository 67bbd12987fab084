package io.cairn.cli.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcome of one demo phase.
 *
 * @param name phase name
 * @param operations cache operations that succeeded
 * @param failedAttempts attempts that failed with an exception and were retried or given up
 * @param millis wall-clock duration
 * @param operationsPerSecond successful operations per second of wall-clock time
 * @param details phase-specific counts, for example mismatches found by a verification
 */
public record PhaseResult(
        String name,
        long operations,
        long failedAttempts,
        long millis,
        double operationsPerSecond,
        Map<String, Object> details) {

    static PhaseResult of(String name, long operations, long failedAttempts, long millis, Map<String, Object> details) {
        double perSecond = millis == 0 ? 0 : Math.round(operations * 10_000.0 / millis) / 10.0;
        return new PhaseResult(name, operations, failedAttempts, millis, perSecond, Collections.unmodifiableMap(new LinkedHashMap<>(details)));
    }
}
