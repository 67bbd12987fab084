package io.cairn.node.admin;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the cluster document: members, partitions owned per member, cluster state and safety, migrations. */
final class ClusterView {

    private final HazelcastInstance hazelcast;
    private final MigrationTracker migrations;

    ClusterView(HazelcastInstance hazelcast, MigrationTracker migrations) {
        this.hazelcast = hazelcast;
        this.migrations = migrations;
    }

    ClusterDocument build() {
        PartitionService partitionService = hazelcast.getPartitionService();
        Map<UUID, Integer> partitionsByOwner = new HashMap<>();
        int partitionCount = 0;
        int withoutOwner = 0;
        for (Partition partition : partitionService.getPartitions()) {
            partitionCount++;
            Member owner = partition.getOwner();
            if (owner == null) {
                withoutOwner++;
            } else {
                partitionsByOwner.merge(owner.getUuid(), 1, Integer::sum);
            }
        }

        List<MemberLine> members = new ArrayList<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            members.add(new MemberLine(AdminAddresses.of(member), member.getUuid().toString(), member.localMember(),
                    partitionsByOwner.getOrDefault(member.getUuid(), 0)));
        }

        return new ClusterDocument(hazelcast.getConfig().getClusterName(),
                hazelcast.getCluster().getClusterState().name(), partitionService.isClusterSafe(),
                partitionService.isLocalMemberSafe(), partitionCount, withoutOwner, members, migrations.snapshot());
    }

    /**
     * The cluster as one member sees it.
     *
     * @param clusterName Hazelcast cluster name
     * @param clusterState ACTIVE, NO_MIGRATION, FROZEN, PASSIVE or IN_TRANSITION
     * @param clusterSafe true when every partition has its backups in sync
     * @param localMemberSafe true when every partition this member owns has its backups in sync
     * @param partitionCount partitions in the cluster
     * @param partitionsWithoutOwner partitions with no owner yet
     * @param members members in join order, oldest first
     * @param migrations latest migration process this member heard of, null if none
     */
    record ClusterDocument(String clusterName, String clusterState, boolean clusterSafe, boolean localMemberSafe,
                           int partitionCount, int partitionsWithoutOwner, List<MemberLine> members,
                           MigrationTracker.Migrations migrations) {
    }

    /**
     * One member.
     *
     * @param address member address as {@code host:port}
     * @param uuid member UUID
     * @param local true for the member that serves this request
     * @param partitions partitions this member owns
     */
    record MemberLine(String address, String uuid, boolean local, int partitions) {
    }
}
