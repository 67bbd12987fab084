package io.cairn.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection to a Cairn cluster, and the factory of typed {@link CairnCache} views on it.
 *
 * <p>Build one client per application with {@link #builder()} and share it: the client is immutable
 * after {@code build()} and safe to use from many threads. When every member becomes unreachable,
 * for example while the whole cluster restarts, the client keeps reconnecting without limit. Calls
 * made meanwhile fail with {@link CairnUnavailableException} once the operation timeout elapses,
 * and later calls succeed again without any action by the application.
 *
 * <p>{@link #close()} disconnects. It is idempotent, and calls after it throw
 * {@link IllegalStateException}.
 */
public final class CairnClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CairnClient.class);

    private final ClientOptions options;
    private final HazelcastInstance hazelcast;
    private final ExecutorService blockingExecutor;
    private final Invoker invoker;
    private final JsonCodec codec;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CairnSessionStore sessions;

    private CairnClient(ClientOptions options, HazelcastInstance hazelcast, ConnectionState connection,
            ExecutorService blockingExecutor) {
        this.options = options;
        this.hazelcast = hazelcast;
        this.blockingExecutor = blockingExecutor;
        this.invoker = new Invoker(connection, options.operationTimeout(), blockingExecutor, closed::get);
        this.codec = new JsonCodec(options.objectMapper(), options.maxValueBytes());
    }

    /** Starts the settings of a new client. */
    public static CairnClientBuilder builder() {
        return new CairnClientBuilder();
    }

    /** Starts the Hazelcast client and waits for its first connection within the connect timeout. */
    static CairnClient connect(ClientOptions options) {
        String cluster = options.clusterDescription();
        ConnectionState connection = new ConnectionState(cluster);
        ClientConfig config = ClientConfigs.build(options, connection);

        LOG.info("Connecting to {}", cluster);
        HazelcastInstance hazelcast = HazelcastClient.newHazelcastClient(config);
        try {
            if (!connection.awaitFirstConnection(options.connectTimeout().toNanos())) {
                hazelcast.shutdown();
                throw new CairnUnavailableException("Failed to connect to " + cluster + " within the connect timeout of "
                        + Durations.format(options.connectTimeout()) + ". Check that the members run, that the"
                        + " addresses and cluster name are right, or raise connectTimeout.", null);
            }
        } catch (InterruptedException e) {
            hazelcast.shutdown();
            Thread.currentThread().interrupt();
            throw new CairnException("Interrupted while connecting to " + cluster, e);
        }

        LOG.info("Connected to {}", cluster);
        return new CairnClient(options, hazelcast, connection, Executors.newCachedThreadPool(daemonThreads()));
    }

    /**
     * Returns the cache {@code name} with values of {@code type}.
     *
     * @throws UnknownCacheException when no member serves a cache of that name
     * @throws CairnUnavailableException when the cluster is unreachable
     */
    public <V> CairnCache<V> cache(String name, Class<V> type) {
        Objects.requireNonNull(type, "type");
        return cache(name, options.objectMapper().getTypeFactory().constructType(type));
    }

    /**
     * Returns the cache {@code name} with values of a generic type, such as
     * {@code new TypeReference<Map<String, Integer>>() {}}.
     *
     * @throws UnknownCacheException when no member serves a cache of that name
     * @throws CairnUnavailableException when the cluster is unreachable
     */
    public <V> CairnCache<V> cache(String name, TypeReference<V> type) {
        Objects.requireNonNull(type, "type");
        return cache(name, options.objectMapper().getTypeFactory().constructType(type));
    }

    private <V> CairnCache<V> cache(String name, JavaType type) {
        if (name == null || name.isBlank()) {
            String problem = name == null ? "Cache name is null" : "Cache name " + Keys.describe(name) + " is blank";
            throw new IllegalArgumentException(problem + ": pass the name of a cache from the cluster configuration");
        }

        Call call = Call.forCache("cache", name);
        Deadline deadline = invoker.start(call);
        boolean served = invoker.callBlocking(() -> catalog().containsKey(name), deadline, call);
        if (!served) {
            List<String> known = invoker.callBlocking(() -> new ArrayList<>(catalog().keySet()), deadline, call);
            known.sort(null);
            throw new UnknownCacheException(name, known);
        }

        // Creating a map proxy is a call to the cluster, so it runs within the deadline too.
        IMap<String, StoredEntry> map = invoker.callBlocking(() -> hazelcast.getMap(MapNames.cacheMap(name)), deadline, call);
        return new HazelcastCairnCache<>(name, map, type, codec, options.maxKeyBytes(), invoker);
    }

    /**
     * Returns the HTTP session store of the cluster, the map {@code sessions}. Every call returns the
     * same store.
     *
     * @throws CairnUnavailableException when the cluster is unreachable
     */
    public CairnSessionStore sessions() {
        CairnSessionStore current = sessions;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (sessions == null) {
                Call call = new Call("sessions", HazelcastSessionStore.STORE_NAME, null);
                Deadline deadline = invoker.start(call);
                IMap<String, StoredEntry> map = invoker.callBlocking(() -> hazelcast.getMap(MapNames.SESSIONS), deadline, call);
                sessions = new HazelcastSessionStore(map, options.objectMapper(), codec, options.maxKeyBytes(), invoker);
            }
            return sessions;
        }
    }

    private IMap<String, Object> catalog() {
        return hazelcast.getMap(MapNames.CATALOG);
    }

    /**
     * Returns the underlying Hazelcast client for uses this API does not cover, such as metrics or
     * listeners. Writing Cairn maps through it bypasses versioning and write-behind, so such writes
     * may never reach PostgreSQL and can be lost. Write only through {@link CairnCache}.
     */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Disconnects from the cluster. Calling it again has no effect. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }

        hazelcast.shutdown();
        blockingExecutor.shutdownNow();
        LOG.info("Closed the client of {}", options.clusterDescription());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "cairn-client-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
