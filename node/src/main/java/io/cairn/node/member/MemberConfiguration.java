package io.cairn.node.member;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.cairn.config.CacheSettings;
import io.cairn.config.CairnSettings;
import io.cairn.config.HazelcastConfigFactory;
import io.cairn.config.SettingsLoader;
import io.cairn.node.persistence.PersistenceService;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.MemberServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/** Loads the settings and starts the Hazelcast member with Cairn's services in its user context. */
@Configuration(proxyBeanMethods = false)
class MemberConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MemberConfiguration.class);

    /** Spring property that names the settings file. */
    static final String CONFIG_PROPERTY = "cairn.config";

    @Bean
    CairnSettings cairnSettings(Environment environment) {
        String file = environment.getProperty(CONFIG_PROPERTY);
        if (file == null) {
            LOG.info("No --{} given: using the local defaults with CAIRN_* environment overrides", CONFIG_PROPERTY);
            return SettingsLoader.parse("cairn:\n  cluster-name: " + CairnSettings.DEFAULT_CLUSTER_NAME + "\n", System.getenv());
        }
        return SettingsLoader.load(Path.of(file), System.getenv());
    }

    @Bean(destroyMethod = "close")
    PersistenceService persistenceService(CairnSettings settings, MeterRegistry meters) {
        return new PersistenceService(settings, meters);
    }

    // The member is shut down by MemberLifecycle, after the web server has drained, never by Spring's
    // bean destruction or Hazelcast's own shutdown hook.
    @Bean(destroyMethod = "")
    HazelcastInstance hazelcastInstance(CairnSettings settings, PersistenceService persistence) {
        Config config = HazelcastConfigFactory.memberConfig(settings);
        config.getUserContext().put(MemberServices.USER_CONTEXT_KEY, persistence);

        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
        persistence.start(hazelcast);

        IMap<String, String> catalog = hazelcast.getMap(MapNames.CATALOG);
        for (CacheSettings cache : settings.caches().values()) {
            catalog.set(cache.name(), "{\"backupCount\":" + cache.backupCount() + "}");
        }
        LOG.info("Member {} joined cluster {} with {} members; caches {}", hazelcast.getName(), settings.clusterName(),
                hazelcast.getCluster().getMembers().size(), settings.caches().keySet());
        return hazelcast;
    }

    @Bean
    MemberLifecycle memberLifecycle(HazelcastInstance hazelcast, PersistenceService persistence, CairnSettings settings) {
        return new MemberLifecycle(hazelcast, persistence, settings.writeBehind().shutdownFlushTimeout());
    }
}
