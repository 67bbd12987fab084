package io.cairn.node.metrics;

import com.hazelcast.core.HazelcastInstance;
import io.cairn.config.CacheSettings;
import io.cairn.config.CairnSettings;
import io.cairn.config.MemberSettings;
import io.cairn.protocol.MapNames;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers the Hazelcast cluster and map meters, and tags every meter of this node with the
 * member address ({@code member="host:port"}), so series from different members never merge.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** Common tag that names the member a series comes from. */
    static final String MEMBER_TAG = "member";

    // The tag comes from the settings rather than from the running member, because the registry is
    // customized before the member starts, and every meter must carry the same tag keys.
    @Bean
    MeterRegistryCustomizer<MeterRegistry> memberTag(CairnSettings settings) {
        String member = memberAddress(settings.member());
        return registry -> registry.config().commonTags(MEMBER_TAG, member);
    }

    @Bean
    HazelcastClusterMetrics hazelcastClusterMetrics(HazelcastInstance hazelcast) {
        return new HazelcastClusterMetrics(hazelcast);
    }

    @Bean
    HazelcastMapMetrics hazelcastMapMetrics(HazelcastInstance hazelcast, CairnSettings settings) {
        return new HazelcastMapMetrics(hazelcast, cairnMapNames(settings));
    }

    /** Returns the address other members see: the public address when set, else the bind address, with the member port. */
    static String memberAddress(MemberSettings member) {
        String publicAddress = member.publicAddress();
        if (publicAddress == null) {
            return member.bindAddress() + ":" + member.port();
        }
        return publicAddress.contains(":") ? publicAddress : publicAddress + ":" + member.port();
    }

    /** Returns the maps that contain Cairn data: one {@code cache.<name>} map per cache, then {@code sessions}. */
    static List<String> cairnMapNames(CairnSettings settings) {
        List<String> names = new ArrayList<>();
        for (CacheSettings cache : settings.caches().values()) {
            names.add(MapNames.cacheMap(cache.name()));
        }
        names.add(MapNames.SESSIONS);
        return List.copyOf(names);
    }
}
