package io.cairn.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.cairn.protocol.MapNames;

/**
 * Connection settings of a Hazelcast client for a Cairn cluster.
 *
 * @param clusterName Hazelcast cluster name of the members
 * @param memberAddresses initial member addresses as {@code host:port}
 * @param connectTimeout timeout of one TCP connection attempt to a member
 * @param operationTimeout time after which a map operation fails, retries included
 * @param nearCacheMaps Hazelcast map names, such as {@code cache.products}, that get a near cache
 */
public record ClientSettings(
        String clusterName,
        List<String> memberAddresses,
        Duration connectTimeout,
        Duration operationTimeout,
        Set<String> nearCacheMaps) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Returns client settings that match the given member settings: the same cluster name, the TCP-IP
     * member list (or the DNS service name with the member port for kubernetes-dns discovery), default
     * timeouts, and a near cache for each cache with {@code near-cache: true}.
     */
    public static ClientSettings from(CairnSettings settings) {
        DiscoverySettings discovery = settings.discovery();
        List<String> addresses = discovery.mode() == DiscoveryMode.KUBERNETES_DNS
                ? List.of(discovery.dnsServiceName() + ":" + settings.member().port())
                : List.copyOf(discovery.members());

        Set<String> nearCacheMaps = new LinkedHashSet<>();
        for (CacheSettings cache : settings.caches().values()) {
            if (cache.nearCache()) {
                nearCacheMaps.add(MapNames.cacheMap(cache.name()));
            }
        }

        // NOTE: CairnSettings has no client section, so both timeouts are the defaults here. A caller that
        // needs others builds ClientSettings with the canonical constructor.
        return new ClientSettings(settings.clusterName(), addresses, DEFAULT_CONNECT_TIMEOUT, DEFAULT_OPERATION_TIMEOUT,
                Collections.unmodifiableSet(nearCacheMaps));
    }
}
