package io.cairn.node.admin;

import io.cairn.node.persistence.PersistenceService;
import io.cairn.node.persistence.PersistenceService.FlushResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drains this node on request. It writes the node's dirty entries and then closes the
 * application context, which runs the same orderly stop as SIGTERM: web server drain, final
 * flush, and a graceful member shutdown that hands the partitions over. Then it exits the JVM
 * with the context's exit code, which is 0 unless something failed.
 */
final class NodeDrain {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDrain.class);

    private final PersistenceService persistence;
    private final ConfigurableApplicationContext context;
    private final Duration flushTimeout;
    private final String memberName;
    private final AtomicBoolean started = new AtomicBoolean();

    NodeDrain(PersistenceService persistence, ConfigurableApplicationContext context, Duration flushTimeout,
              String memberName) {
        this.persistence = persistence;
        this.context = context;
        this.flushTimeout = flushTimeout;
        this.memberName = memberName;
    }

    /** Starts the drain on a thread of its own and returns false if a drain already started. */
    boolean start() {
        if (!started.compareAndSet(false, true)) {
            return false;
        }
        Thread thread = new Thread(this::drain, "cairn-admin-drain");
        thread.setDaemon(false);
        thread.start();
        return true;
    }

    boolean isStarted() {
        return started.get();
    }

    private void drain() {
        LOG.info("Member {} drains on an admin request: writing its dirty entries (at most {}), then stopping",
                memberName, flushTimeout);
        try {
            FlushResult result = persistence.flushAll(flushTimeout);
            LOG.info("Member {} wrote {} rows before stopping; {} owned dirty entries remain and are written or "
                    + "handed over during the stop", memberName, result.rowsWritten(), result.remaining());
        } catch (RuntimeException e) {
            LOG.error("Flush before the drain of member {} failed; stopping anyway, the stop flushes again and hands "
                    + "dirty entries over with the partitions", memberName, e);
        }

        int status = SpringApplication.exit(context);
        LOG.info("Member {} drained; exiting with status {}", memberName, status);
        System.exit(status);
    }
}
