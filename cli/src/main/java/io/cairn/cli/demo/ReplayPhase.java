package io.cairn.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main workload: the trace replay, the object writer and the session workload run together
 * while {@link Disruptions} kills, adds and drains nodes. The writers keep running until the replay
 * has ended and the last disruption step has finished, so every step happens under load.
 */
final class ReplayPhase {

    /**
     * Counts of the phase for the report.
     *
     * @param result phase result with the trace reads as its operations
     * @param replayGets reads of the trace replay
     * @param sessionGets finds of the session workload, each of which also touches the session
     * @param objectWrites acknowledged updates and deletes of objects
     * @param sessionWrites acknowledged session changes other than finds
     * @param loads read-through loads the nodes counted during the phase
     * @param flushRows rows the nodes flushed during the phase
     * @param differences reads that returned a value that differs from what the demo expected
     * @param givenUp writes given up after the retry deadline
     */
    record Outcome(PhaseResult result, long replayGets, long sessionGets, long objectWrites, long sessionWrites,
                   long loads, long flushRows, long differences, long givenUp) {
    }

    static final String NAME = "replay";

    private final DemoContext context;
    private final long requests;
    private final int readers;
    private final int writers;
    private final double writesPerSecond;
    private final double sessionOpsPerSecond;
    private final Disruptions disruptions;

    ReplayPhase(DemoContext context, long requests, int readers, int writers, double writesPerSecond,
                double sessionOpsPerSecond, Disruptions disruptions) {
        this.context = context;
        this.requests = requests;
        this.readers = readers;
        this.writers = writers;
        this.writesPerSecond = writesPerSecond;
        this.sessionOpsPerSecond = sessionOpsPerSecond;
        this.disruptions = disruptions;
    }

    Outcome run() {
        context.metrics().scrape(context.cluster().nodes());
        long loadsBefore = context.metrics().total(NodeMetrics.LOADS);
        long flushRowsBefore = context.metrics().total(NodeMetrics.FLUSH_ROWS);

        AtomicBoolean stopWriters = new AtomicBoolean();
        ObjectWriter objectWriter;
        SessionWorkload sessions;
        TraceReplay replay;
        long millis;
        try (Progress progress = new Progress(NAME, requests, context.out(), () -> "")) {
            objectWriter = new ObjectWriter(context, writers, writesPerSecond, stopWriters::get);
            sessions = new SessionWorkload(context, sessionOpsPerSecond, stopWriters::get);
            replay = new TraceReplay(context, requests, readers, progress);
            progress.status(() -> status(objectWriter, sessions));

            List<Runnable> replayTasks = List.of(replay.tasks());
            List<Runnable> backgroundTasks = new ArrayList<>(List.of(objectWriter.tasks()));
            backgroundTasks.add(sessions::run);

            ExecutorService executor = Executors.newFixedThreadPool(replayTasks.size() + backgroundTasks.size());
            try {
                List<Future<?>> background = submitAll(executor, backgroundTasks);
                List<Future<?>> replaying = submitAll(executor, replayTasks);
                disruptions.start(progress::fraction);

                awaitAll(replaying);
                context.out().printf("  replay done after %,d ms; waiting for the node steps to finish%n",
                        progress.elapsedMillis());
                disruptions.await();
                stopWriters.set(true);
                awaitAll(background);
            } finally {
                stopWriters.set(true);
                executor.shutdownNow();
            }
            millis = progress.elapsedMillis();
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("traceRequests", requests);
        details.put("found", replay.found.get());
        details.put("absent", replay.absent.get());
        details.put("wrongKey", replay.wrongKey.get());
        details.put("objectUpdates", objectWriter.updates.get());
        details.put("objectDeletes", objectWriter.deletes.get());
        details.putAll(sessions.details());
        details.put("writeFailedAttempts", objectWriter.failedAttempts.get() + sessions.failedAttempts.get());
        details.putAll(disruptions.details());

        context.metrics().scrape(context.cluster().nodes());
        long loads = context.metrics().total(NodeMetrics.LOADS) - loadsBefore;
        long flushRows = context.metrics().total(NodeMetrics.FLUSH_ROWS) - flushRowsBefore;
        details.put("databaseLoads", loads);
        details.put("flushedRows", flushRows);

        long gets = replay.gets();
        PhaseResult result = PhaseResult.of(NAME, gets, replay.failedAttempts.get(), millis, details);
        return new Outcome(result, gets, sessions.gets(), objectWriter.writes(), sessions.writes(), loads, flushRows,
                replay.wrongKey.get() + sessions.differences.get(), objectWriter.givenUp.get() + sessions.givenUp.get());
    }

    private String status(ObjectWriter objectWriter, SessionWorkload sessions) {
        int answered = context.metrics().scrape(context.cluster().nodes());
        return String.format("object writes %,d, session ops %,d, nodes answering %d, db loads %,d",
                objectWriter.writes(), sessions.operations(), answered, context.metrics().total(NodeMetrics.LOADS));
    }

    private static List<Future<?>> submitAll(ExecutorService executor, List<Runnable> tasks) {
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable task : tasks) {
            futures.add(executor.submit(task));
        }
        return futures;
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the replay ran", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A replay worker failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
