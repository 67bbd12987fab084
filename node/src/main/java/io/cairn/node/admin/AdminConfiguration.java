package io.cairn.node.admin;

import com.hazelcast.core.HazelcastInstance;
import io.cairn.config.CairnSettings;
import io.cairn.node.persistence.PersistenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the admin API, the cluster-wide admin tasks and the status page.
 *
 * <p>The admin API requires the bearer token from {@code cairn.admin.token} (environment variable
 * {@code CAIRN_ADMIN_TOKEN}). Without a token it is disabled: every {@code /admin} call gets 403.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AdminConfiguration.class);

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(CairnSettings settings, HazelcastInstance hazelcast) {
        AdminToken token = AdminToken.of(settings.admin().token());
        if (token == null) {
            LOG.warn("Admin API of member {} is disabled: cairn.admin.token is not set. Set it in the settings file or "
                    + "as CAIRN_ADMIN_TOKEN to use /admin and the cairn admin commands", hazelcast.getName());
        } else {
            LOG.info("Admin API of member {} is enabled at /admin; calls need the bearer token from cairn.admin.token",
                    hazelcast.getName());
        }

        FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(new AdminTokenFilter(token));
        registration.addUrlPatterns("/admin", "/admin/*");
        registration.setName("cairnAdminTokenFilter");
        return registration;
    }

    @Bean(destroyMethod = "close")
    FlushRate flushRate(PersistenceService persistence) {
        return new FlushRate(persistence);
    }

    @Bean
    MigrationTracker migrationTracker(HazelcastInstance hazelcast) {
        MigrationTracker tracker = new MigrationTracker();
        hazelcast.getPartitionService().addMigrationListener(tracker);
        return tracker;
    }

    @Bean
    MemberOperations memberOperations(HazelcastInstance hazelcast, PersistenceService persistence, FlushRate flushRate) {
        MemberOperations operations = new MemberOperations(hazelcast, persistence, flushRate);
        hazelcast.getUserContext().put(MemberOperations.USER_CONTEXT_KEY, operations);
        return operations;
    }

    @Bean
    ClusterCalls clusterCalls(HazelcastInstance hazelcast) {
        return new ClusterCalls(hazelcast);
    }

    @Bean
    ClusterView clusterView(HazelcastInstance hazelcast, MigrationTracker migrationTracker) {
        return new ClusterView(hazelcast, migrationTracker);
    }

    @Bean
    StatusSnapshots statusSnapshots(ClusterView clusterView, ClusterCalls clusterCalls) {
        return new StatusSnapshots(clusterView, clusterCalls);
    }

    @Bean
    NodeDrain nodeDrain(PersistenceService persistence, ConfigurableApplicationContext context, CairnSettings settings,
                        HazelcastInstance hazelcast) {
        return new NodeDrain(persistence, context, settings.writeBehind().shutdownFlushTimeout(), hazelcast.getName());
    }
}
