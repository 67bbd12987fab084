package io.cairn.node.member;

import com.hazelcast.core.HazelcastInstance;
import io.cairn.node.persistence.PersistenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Stops the member along one orderly path when the node shuts down (SIGTERM included).
 *
 * <p>Spring stops lifecycle beans from the highest phase to the lowest. The web server's graceful
 * shutdown runs in a higher phase, so in-flight HTTP requests finish first. This bean has nearly the
 * lowest phase: it then writes every dirty entry this member owns to PostgreSQL and shuts the
 * member down gracefully, which hands its partitions to the remaining members. Hazelcast's own
 * shutdown hook is disabled in the member configuration, so nothing races this path.
 */
final class MemberLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MemberLifecycle.class);

    /** Phase of this bean: started before and stopped after everything else that uses the member. */
    static final int PHASE = Integer.MIN_VALUE + 1_000;

    private final HazelcastInstance hazelcast;
    private final PersistenceService persistence;
    private final Duration flushTimeout;
    private volatile boolean running;

    MemberLifecycle(HazelcastInstance hazelcast, PersistenceService persistence, Duration flushTimeout) {
        this.hazelcast = hazelcast;
        this.persistence = persistence;
        this.flushTimeout = flushTimeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;

        String member = hazelcast.getName();
        if (persistence.hasShards()) {
            LOG.info("Member {} is stopping: writing its dirty entries to PostgreSQL (at most {})", member, flushTimeout);
            persistence.flushForShutdown(flushTimeout);
        } else {
            LOG.info("Member {} is stopping; it has no PostgreSQL shards, so its entries live on only in the "
                    + "remaining members", member);
        }

        LOG.info("Member {} is leaving the cluster and handing its partitions over", member);
        hazelcast.shutdown();
        persistence.close();
        LOG.info("Member {} stopped", member);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
