package io.cairn.sample;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.client.CairnClient;
import io.cairn.session.spring.CairnSessionRepository;
import io.cairn.session.spring.CairnSpringSession;
import io.cairn.testkit.LocalCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures session reads and writes per second through {@link CairnSessionRepository} against a
 * local cluster of three node JVMs and one PostgreSQL shard. Not a test: run its main method with
 * the test class path of this module.
 *
 * <p>A read is {@code findById} plus decoding one attribute. A write is {@code setAttribute} and
 * {@code save} of a loaded session, which sends a one-attribute delta and the last access time.
 */
public final class SessionRepositoryBenchmark {

    private static final int SESSIONS = 1_000;
    private static final int THREADS = 8;
    private static final long WARM_UP_MILLIS = 5_000;
    private static final long MEASURE_MILLIS = 20_000;
    /** Generous, because node JVMs start slowly on a busy two-core machine. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(8);

    private SessionRepositoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path workDirectory = Files.createTempDirectory("cairn-session-benchmark-");
        try (LocalCluster cluster = LocalCluster.builder().nodes(3).shards(1).workDirectory(workDirectory)
                     .startupTimeout(STARTUP_TIMEOUT).start();
             CairnClient client = cluster.clientBuilder().build()) {
            JsonMapper mapper = JsonMapper.builder().findAndAddModules().build();
            CairnSessionRepository repository = new CairnSessionRepository(client.sessions(), mapper);

            List<String> ids = new ArrayList<>(SESSIONS);
            for (int i = 0; i < SESSIONS; i++) {
                CairnSpringSession session = repository.createSession();
                session.setAttribute("user", "user-" + i);
                session.setAttribute("cart", List.of("item-1", "item-2", "item-3"));
                session.setAttribute("visits", 0);
                repository.save(session);
                ids.add(session.getId());
            }

            double reads = run("reads", ids, id -> {
                CairnSpringSession session = repository.findById(id);
                if (session == null || session.getAttribute("user") == null) {
                    throw new IllegalStateException("session " + id + " missing");
                }
            });
            double writes = run("writes", ids, id -> {
                CairnSpringSession session = repository.findById(id);
                session.setAttribute("visits", ThreadLocalRandom.current().nextInt());
                session.setLastAccessedTime(Instant.now());
                repository.save(session);
            });

            System.out.printf("RESULT sessions=%d threads=%d reads/s=%.0f writes/s(find+save)=%.0f cores=%d%n",
                    SESSIONS, THREADS, reads, writes, Runtime.getRuntime().availableProcessors());
        }
    }

    private interface Operation {
        void run(String id) throws Exception;
    }

    /** Runs {@code operation} on random sessions from {@value #THREADS} threads and returns operations per second. */
    private static double run(String name, List<String> ids, Operation operation) throws Exception {
        LongAdder completed = new LongAdder();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        long start = System.currentTimeMillis();
        long measureFrom = start + WARM_UP_MILLIS;
        long end = measureFrom + MEASURE_MILLIS;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(executor.submit(() -> {
                while (System.currentTimeMillis() < end) {
                    operation.run(ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
                    if (System.currentTimeMillis() >= measureFrom) {
                        completed.increment();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        executor.shutdown();

        double perSecond = completed.sum() * 1000.0 / MEASURE_MILLIS;
        System.out.printf("%s: %d operations in %d ms, %.0f per second%n", name, completed.sum(), MEASURE_MILLIS, perSecond);
        return perSecond;
    }
}
