package io.cairn.node.member;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Loads the settings and starts the Hazelcast member with Cairn's services in its user context. */
@Configuration(proxyBeanMethods = false)
class MemberConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MemberConfiguration.class);

    /** Attempts to publish each cache name before giving up with a WARN. */
    private static final int CATALOG_ATTEMPTS = 10;

    /** Pause between two attempts to publish a cache name, in milliseconds. */
    private static final long CATALOG_RETRY_PAUSE_MILLIS = 500;

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

    // MemberLifecycle shuts the member down after the web server has drained, before beans are
    // destroyed; the destroy method then finds it stopped and does nothing. It only acts when the
    // context fails to start after the member joined: a member must not stay in the cluster,
    // owning partitions, inside a node that failed to start.
    @Bean(destroyMethod = "shutdown")
    HazelcastInstance hazelcastInstance(CairnSettings settings, PersistenceService persistence) {
        Config config = HazelcastConfigFactory.memberConfig(settings);
        config.getUserContext().put(MemberServices.USER_CONTEXT_KEY, persistence);
        persistence.openShards(config.getInstanceName());

        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
        try {
            persistence.start(hazelcast);
            publishCatalog(hazelcast, settings);
        } catch (RuntimeException e) {
            LOG.error("Member {} failed to start its services and leaves the cluster again", hazelcast.getName(), e);
            hazelcast.shutdown();
            throw e;
        }

        LOG.info("Member {} joined cluster {} with {} members; caches {}", hazelcast.getName(), settings.clusterName(),
                hazelcast.getCluster().getMembers().size(), settings.caches().keySet());
        return hazelcast;
    }

    /**
     * Publishes the served cache names for clients. Every member publishes the same names, so a
     * member that cannot write them, for example while partitions migrate and a backup does not
     * confirm, logs a WARN and starts anyway.
     */
    private static void publishCatalog(HazelcastInstance hazelcast, CairnSettings settings) {
        IMap<String, String> catalog = hazelcast.getMap(MapNames.CATALOG);
        for (CacheSettings cache : settings.caches().values()) {
            String description = "{\"backupCount\":" + cache.backupCount() + "}";
            for (int attempt = 1; ; attempt++) {
                try {
                    catalog.set(cache.name(), description);
                    break;
                } catch (HazelcastException e) {
                    if (attempt >= CATALOG_ATTEMPTS) {
                        LOG.warn("Member {} could not publish cache {} in map {} after {} attempts; clients learn it "
                                + "from the other members: {}", hazelcast.getName(), cache.name(), MapNames.CATALOG,
                                attempt, e.getMessage());
                        break;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(CATALOG_RETRY_PAUSE_MILLIS));
                }
            }
        }
    }

    @Bean
    MemberLifecycle memberLifecycle(HazelcastInstance hazelcast, PersistenceService persistence, CairnSettings settings) {
        return new MemberLifecycle(hazelcast, persistence, settings.writeBehind().shutdownFlushTimeout());
    }
}
