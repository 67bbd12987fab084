package io.cairn.config;

import java.time.Duration;
import java.util.ArrayList;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.ClientNetworkConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.client.properties.ClientProperty;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.spi.properties.ClusterProperty;

import io.cairn.protocol.DirtyLastEvictionComparator;
import io.cairn.protocol.LoadProcessor;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.ProtocolSerializerFactory;

/**
 * Builds the Hazelcast member {@link Config} and the client {@link ClientConfig} from validated
 * settings. Both sides get the same cluster name and serializer factory, so they cannot disagree.
 * Members bind one interface, never use multicast or cloud auto-detection, and never phone home.
 */
public final class HazelcastConfigFactory {

    /** Backups of the small catalog map that clients read to check cache names, so it survives two member deaths. */
    public static final int CATALOG_BACKUP_COUNT = 2;

    /** Smallest pool of the read-through load executor. */
    public static final int MIN_LOAD_EXECUTOR_POOL_SIZE = 4;

    /** Entries per near cache, evicted least recently used first. */
    public static final int NEAR_CACHE_MAX_ENTRIES = 100_000;

    /** First pause before a client retries to connect to the cluster. */
    public static final Duration CLIENT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(500);

    /** Maximum pause between client connection attempts. */
    public static final Duration CLIENT_RETRY_MAX_BACKOFF = Duration.ofSeconds(5);

    public static final double CLIENT_RETRY_MULTIPLIER = 1.5;

    /** Random spread of each client backoff, as a fraction of it, so clients do not retry in step. */
    public static final double CLIENT_RETRY_JITTER = 0.2;

    private static final String LOGGING_TYPE = "slf4j";

    private HazelcastConfigFactory() {
    }

    /** Builds the configuration of the member that runs inside this node. */
    public static Config memberConfig(CairnSettings settings) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setInstanceName("cairn-" + settings.member().port());
        config.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
        config.setProperty(ClusterProperty.SHUTDOWNHOOK_ENABLED.getName(), "false");
        config.setProperty(ClusterProperty.LOGGING_TYPE.getName(), LOGGING_TYPE);
        config.setProperty(ClusterProperty.SOCKET_BIND_ANY.getName(), "false");
        // Without this, Hazelcast reports a write as successful when a synchronous backup does not
        // acknowledge it within the backup timeout; Cairn acknowledges a write only once it is replicated.
        config.setProperty(ClusterProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE.getName(), "true");

        network(config.getNetworkConfig(), settings);
        config.getSerializationConfig()
                .addDataSerializableFactory(ProtocolSerializerFactory.FACTORY_ID, new ProtocolSerializerFactory());

        for (CacheSettings cache : settings.caches().values()) {
            config.addMapConfig(cacheMapConfig(cache));
        }
        // Find-by-principal queries the principal name, which session entries expose as indexValue.
        config.addMapConfig(persistentMapConfig(MapNames.SESSIONS, settings.sessions().backupCount())
                .addIndexConfig(new IndexConfig(IndexType.HASH, "indexValue")));
        config.addMapConfig(persistentMapConfig(MapNames.CATALOG, CATALOG_BACKUP_COUNT));

        config.addExecutorConfig(new ExecutorConfig(LoadProcessor.EXECUTOR_NAME, loadExecutorPoolSize(settings)));
        return config;
    }

    /** Builds the configuration of a client, such as the SDK's, that connects to the cluster. */
    public static ClientConfig clientConfig(ClientSettings settings) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(settings.clusterName());
        config.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
        config.setProperty(ClusterProperty.LOGGING_TYPE.getName(), LOGGING_TYPE);
        config.setProperty(ClientProperty.INVOCATION_TIMEOUT_SECONDS.getName(),
                Long.toString(ceilSeconds(settings.operationTimeout())));
        config.setProperty(ClientProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE.getName(), "true");
        // The partition owner collects the backup acknowledgements and responds once they have arrived. With
        // acknowledgements sent to the client instead, a client not yet connected to the backup member
        // waits for the whole backup timeout (5 s by default) on a write that already succeeded.
        config.setBackupAckToClientEnabled(false);

        ClientNetworkConfig network = config.getNetworkConfig();
        network.setAddresses(new ArrayList<>(settings.memberAddresses()));
        network.getClusterRoutingConfig().setRoutingMode(RoutingMode.ALL_MEMBERS);
        network.setConnectionTimeout(saturatedMillis(settings.connectTimeout()));

        ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
        strategy.setAsyncStart(false);
        strategy.setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON);
        // Waiting forever lets clients ride out a restart of the whole cluster instead of shutting down.
        strategy.getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(Long.MAX_VALUE)
                .setInitialBackoffMillis(saturatedMillis(CLIENT_RETRY_INITIAL_BACKOFF))
                .setMaxBackoffMillis(saturatedMillis(CLIENT_RETRY_MAX_BACKOFF))
                .setMultiplier(CLIENT_RETRY_MULTIPLIER)
                .setJitter(CLIENT_RETRY_JITTER);

        config.getSerializationConfig()
                .addDataSerializableFactory(ProtocolSerializerFactory.FACTORY_ID, new ProtocolSerializerFactory());

        for (String mapName : settings.nearCacheMaps()) {
            config.addNearCacheConfig(nearCacheConfig(mapName));
        }
        return config;
    }

    private static void network(NetworkConfig network, CairnSettings settings) {
        MemberSettings member = settings.member();
        network.setPort(member.port()).setPortAutoIncrement(false);
        network.getInterfaces().clear().setEnabled(true).addInterface(member.bindAddress());
        if (member.publicAddress() != null) {
            network.setPublicAddress(member.publicAddress());
        }

        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);

        DiscoverySettings discovery = settings.discovery();
        if (discovery.mode() == DiscoveryMode.KUBERNETES_DNS) {
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig()
                    .setEnabled(true)
                    .setProperty("service-dns", discovery.dnsServiceName())
                    .setProperty("service-dns-timeout", Long.toString(ceilSeconds(discovery.dnsTimeout())))
                    .setProperty("service-port", Integer.toString(member.port()));
            return;
        }

        join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(discovery.members()));
    }

    private static MapConfig cacheMapConfig(CacheSettings cache) {
        // Cairn enforces ttl and max-idle itself inside StoredEntry, so that expiry is also written to
        // PostgreSQL. Hazelcast's own expiry stays off.
        MapConfig config = persistentMapConfig(MapNames.cacheMap(cache.name()), cache.backupCount())
                .setTimeToLiveSeconds(0)
                .setMaxIdleSeconds(0);
        // The idle sweep and the least-recently-used comparator read each entry's last access time,
        // which Hazelcast tracks only with per-entry statistics on.
        config.setPerEntryStatsEnabled(!cache.maxIdle().isZero() || cache.maxSize() > 0);
        if (cache.maxSize() > 0) {
            // Hazelcast rejects a map eviction config that names both a policy and a comparator, and
            // NONE counts as no policy for maps.
            config.setEvictionConfig(new EvictionConfig()
                    .setEvictionPolicy(EvictionPolicy.NONE)
                    .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                    .setSize(cache.maxSize())
                    .setComparatorClassName(DirtyLastEvictionComparator.class.getName()));
        }
        return config;
    }

    private static MapConfig persistentMapConfig(String name, int backupCount) {
        return new MapConfig(name)
                .setBackupCount(backupCount)
                .setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setMetadataPolicy(MetadataPolicy.OFF)
                .setStatisticsEnabled(true);
    }

    private static NearCacheConfig nearCacheConfig(String mapName) {
        return new NearCacheConfig(mapName)
                .setInvalidateOnChange(true)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                        .setSize(NEAR_CACHE_MAX_ENTRIES));
    }

    /** Returns the sum of max-concurrent-loads over all shards, at least {@link #MIN_LOAD_EXECUTOR_POOL_SIZE}. */
    static int loadExecutorPoolSize(CairnSettings settings) {
        long total = 0;
        for (ShardSettings shard : settings.shards()) {
            total += shard.maxConcurrentLoads();
        }
        return (int) Math.max(MIN_LOAD_EXECUTOR_POOL_SIZE, Math.min(total, Integer.MAX_VALUE));
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static int saturatedMillis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
