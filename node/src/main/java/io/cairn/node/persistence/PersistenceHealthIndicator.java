package io.cairn.node.persistence;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Health of write-behind on this member. A shard whose circuit is open makes the status DEGRADED,
 * which stays out of the readiness group: a PostgreSQL outage delays writes to that shard but does
 * not take the node out of service.
 */
@Component("persistence")
final class PersistenceHealthIndicator implements HealthIndicator {

    /** Status for a node that serves requests while some shard is unreachable. */
    static final Status DEGRADED = new Status("DEGRADED", "A PostgreSQL shard is unreachable; its writes wait in the grid");

    private final PersistenceService persistence;

    PersistenceHealthIndicator(PersistenceService persistence) {
        this.persistence = persistence;
    }

    @Override
    public Health health() {
        Map<String, Map<String, Object>> shards = persistence.shardStatus();
        boolean anyOpen = shards.values().stream().anyMatch(shard -> !"CLOSED".equals(shard.get("circuit")));

        Health.Builder builder = anyOpen ? Health.status(DEGRADED) : Health.up();
        return builder
                .withDetail("shards", shards)
                .withDetail("dirtyEntries", persistence.dirtyEntries())
                .withDetail("oldestDirtyAgeMillis", persistence.oldestDirtyAgeMillis())
                .withDetail("memoryOnly", !persistence.hasShards())
                .build();
    }
}
