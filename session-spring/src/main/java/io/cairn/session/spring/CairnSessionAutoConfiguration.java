package io.cairn.session.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.client.CairnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;

/**
 * Stores the HTTP sessions of a servlet web application in Cairn once {@code cairn.client.members}
 * is set: a {@link CairnClient} from the {@code cairn.client.*} settings, a
 * {@link CairnSessionRepository} from the {@code cairn.session.*} settings, and Spring Session's
 * {@code springSessionRepositoryFilter}, which Spring Boot registers as a servlet filter ahead of
 * the application's filters.
 *
 * <p>Beans that the application defines itself (a {@code CairnClient}, a
 * {@code SessionRepository}, or the mapper bean {@code cairnSessionObjectMapper}) take precedence.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration")
@ConditionalOnClass({SessionRepository.class, CairnClient.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "cairn.client", name = "members")
@EnableConfigurationProperties({CairnClientProperties.class, CairnSessionProperties.class})
@Import(SpringHttpSessionConfiguration.class)
public class CairnSessionAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CairnSessionAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(name = "cairnSessionObjectMapper")
    public ObjectMapper cairnSessionObjectMapper() {
        return JsonMapper.builder().findAndAddModules().build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public CairnClient cairnClient(CairnClientProperties properties, ObjectMapper cairnSessionObjectMapper) {
        if (properties.clusterName() == null || properties.clusterName().isBlank()) {
            throw new IllegalStateException("cairn.client.cluster-name is missing: set the cluster name of the Cairn"
                    + " members next to cairn.client.members=" + String.join(",", properties.members()));
        }
        LOG.info("Storing HTTP sessions in Cairn cluster '{}' at {}", properties.clusterName(), properties.members());
        return CairnClient.builder()
                .clusterName(properties.clusterName())
                .addresses(properties.members())
                .connectTimeout(properties.connectTimeout())
                .operationTimeout(properties.operationTimeout())
                .objectMapper(cairnSessionObjectMapper)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(SessionRepository.class)
    public CairnSessionRepository cairnSessionRepository(CairnClient cairnClient, CairnSessionProperties properties,
            ObjectMapper cairnSessionObjectMapper) {
        CairnSessionRepository repository = new CairnSessionRepository(cairnClient.sessions(), cairnSessionObjectMapper);
        repository.setDefaultMaxInactiveInterval(properties.maxInactiveInterval());
        repository.setFlushMode(properties.flushMode());
        repository.setSaveMode(properties.saveMode());
        if (properties.maxInactiveInterval().isNegative()) {
            LOG.warn("cairn.session.max-inactive-interval is {}: sessions never expire and stay in the grid and in"
                    + " PostgreSQL until invalidated", properties.maxInactiveInterval());
        }
        return repository;
    }
}
