package io.cairn.client;

import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracks whether the Hazelcast client is connected to the cluster, from its lifecycle events, so
 * that a call that timed out while disconnected reports the cluster as unavailable.
 */
final class ConnectionState implements LifecycleListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionState.class);

    private final String clusterDescription;
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private final AtomicLong changes = new AtomicLong();

    private volatile boolean connected;
    private volatile boolean shuttingDown;

    ConnectionState(String clusterDescription) {
        this.clusterDescription = clusterDescription;
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        switch (event.getState()) {
            case CLIENT_CONNECTED -> onConnected();
            case CLIENT_DISCONNECTED -> onDisconnected();
            case SHUTTING_DOWN, SHUTDOWN -> onShutdown();
            default -> LOG.debug("Client of {} changed state to {}", clusterDescription, event.getState());
        }
    }

    private void onConnected() {
        connected = true;
        changes.incrementAndGet();
        if (firstConnection.getCount() > 0) {
            firstConnection.countDown();
            return;
        }
        LOG.info("Reconnected to {}", clusterDescription);
    }

    private void onShutdown() {
        shuttingDown = true;
        connected = false;
        changes.incrementAndGet();
    }

    private void onDisconnected() {
        connected = false;
        changes.incrementAndGet();
        if (shuttingDown) {
            return;
        }
        LOG.warn("Lost the connection to {}. Calls fail with CairnUnavailableException until the client reconnects",
                clusterDescription);
    }

    boolean isConnected() {
        return connected;
    }

    /** Returns a counter that grows with every connection and disconnection. */
    long changes() {
        return changes.get();
    }

    /**
     * Returns true when the client is connected now and has stayed connected since
     * {@code changesAtStart} was read, so a call that timed out meanwhile was not held up by a
     * reconnection.
     */
    boolean stayedConnectedSince(long changesAtStart, boolean connectedAtStart) {
        return connectedAtStart && connected && changes.get() == changesAtStart;
    }

    /** Waits for the first connection, without limit for a zero timeout. Returns false on timeout. */
    boolean awaitFirstConnection(long timeoutNanos) throws InterruptedException {
        if (timeoutNanos == 0L) {
            firstConnection.await();
            return true;
        }
        return firstConnection.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    String clusterDescription() {
        return clusterDescription;
    }
}
