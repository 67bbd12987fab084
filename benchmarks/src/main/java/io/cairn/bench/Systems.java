package io.cairn.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.config.ClientSettings;
import io.cairn.config.HazelcastConfigFactory;
import io.cairn.protocol.LoadProcessor;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.StoredEntry;
import io.cairn.testkit.LocalCluster;

import java.time.Duration;
import java.util.Set;

/**
 * The clients of the systems under test that run against the Cairn cluster: the SDK, a plain
 * Hazelcast client, and a Hazelcast client with a near cache on Cairn maps.
 */
final class Systems implements AutoCloseable {

    static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

    final LocalCluster cluster;
    final CairnClient sdk;
    final HazelcastInstance plain;

    Systems(LocalCluster cluster) {
        this.cluster = cluster;
        this.sdk = cluster.clientBuilder().operationTimeout(OPERATION_TIMEOUT).build();
        this.plain = hazelcastClient(cluster, Set.of());
    }

    /**
     * Starts a Hazelcast client configured by {@link HazelcastConfigFactory#clientConfig}, the
     * configuration the SDK shares, with a near cache on each of {@code nearCacheMaps}.
     */
    static HazelcastInstance hazelcastClient(LocalCluster cluster, Set<String> nearCacheMaps) {
        ClientSettings settings = new ClientSettings(cluster.clusterName(), cluster.memberAddresses(),
                ClientSettings.DEFAULT_CONNECT_TIMEOUT, OPERATION_TIMEOUT, nearCacheMaps);
        return HazelcastClient.newHazelcastClient(HazelcastConfigFactory.clientConfig(settings));
    }

    /** Returns a plain map of JSON values on the Cairn members, with Hazelcast's default map settings (1 synchronous backup). */
    IMap<String, HazelcastJsonValue> plainMap(String name) {
        return plain.getMap(name);
    }

    CairnCache<BenchValue> cache(String name) {
        return sdk.cache(name, BenchValue.class);
    }

    @Override
    public void close() {
        sdk.close();
        plain.shutdown();
    }

    /**
     * Reads a Cairn cache through a Hazelcast client with a near cache, the way the SDK reads:
     * the stored entry, a read-through load on a miss, the liveness check, then JSON to the value.
     * NOTE: the SDK has no near-cache switch because it passes no near-cache maps to the shared
     * client configuration. This reader takes the place of an SDK with one.
     */
    static final class NearCacheReader implements AutoCloseable {

        private final HazelcastInstance client;
        private final IMap<String, StoredEntry> map;
        private final String mapName;

        NearCacheReader(LocalCluster cluster, String cacheName) {
            this.mapName = MapNames.cacheMap(cacheName);
            this.client = hazelcastClient(cluster, Set.of(mapName));
            this.map = client.getMap(mapName);
        }

        BenchValue get(String key) {
            StoredEntry entry = map.get(key);
            if (entry == null) {
                entry = map.executeOnKey(key, new LoadProcessor(mapName));
            }
            if (entry == null || !entry.isLive(System.currentTimeMillis())) {
                return null;
            }
            return BenchValue.fromJson(entry.json());
        }

        /** Returns the hits of this client's near cache so far. */
        long nearCacheHits() {
            return map.getLocalMapStats().getNearCacheStats().getHits();
        }

        /** Returns the misses of this client's near cache so far. */
        long nearCacheMisses() {
            return map.getLocalMapStats().getNearCacheStats().getMisses();
        }

        @Override
        public void close() {
            client.shutdown();
        }
    }
}
