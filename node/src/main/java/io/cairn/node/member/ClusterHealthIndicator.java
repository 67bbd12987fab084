package io.cairn.node.member;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Health of this member in the cluster. UP when the member runs and its partitions are safe, that
 * is, every partition it owns has its backups in sync. The readiness group includes this
 * indicator, so a node takes traffic only once it has joined and its data is replicated.
 */
@Component("cluster")
final class ClusterHealthIndicator implements HealthIndicator {

    private final HazelcastInstance hazelcast;

    ClusterHealthIndicator(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public Health health() {
        if (!hazelcast.getLifecycleService().isRunning()) {
            return Health.down().withDetail("member", hazelcast.getName()).withDetail("running", false).build();
        }

        PartitionService partitions = hazelcast.getPartitionService();
        boolean localSafe = partitions.isLocalMemberSafe();
        boolean clusterSafe = partitions.isClusterSafe();
        List<String> members = hazelcast.getCluster().getMembers().stream().map(ClusterHealthIndicator::describe).toList();

        Health.Builder builder = localSafe ? Health.up() : Health.outOfService();
        return builder
                .withDetail("member", hazelcast.getName())
                .withDetail("members", members)
                .withDetail("clusterSafe", clusterSafe)
                .withDetail("localMemberSafe", localSafe)
                .withDetail("clusterState", hazelcast.getCluster().getClusterState().name())
                .build();
    }

    private static String describe(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort() + (member.localMember() ? " (this)" : "");
    }
}
