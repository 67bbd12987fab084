package io.cairn.node.metrics;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.function.ToDoubleFunction;

/**
 * Cluster meters of the local Hazelcast member: cluster size, partition safety, cluster state,
 * owned partitions, and replica migrations into this member.
 *
 * <p>Every gauge returns NaN once the member has shut down, so a scrape during shutdown still succeeds.
 */
final class HazelcastClusterMetrics implements MeterBinder {

    private final HazelcastInstance hazelcast;

    HazelcastClusterMetrics(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "hazelcast.cluster.size", "Members in the cluster, as seen by this member",
                member -> member.getCluster().getMembers().size());
        gauge(registry, "hazelcast.cluster.safe", "1 when every partition in the cluster has its backups in sync, else 0",
                member -> member.getPartitionService().isClusterSafe() ? 1 : 0);
        gauge(registry, "hazelcast.member.safe", "1 when every partition this member owns has its backups in sync, else 0",
                member -> member.getPartitionService().isLocalMemberSafe() ? 1 : 0);
        gauge(registry, "hazelcast.partitions.owned", "Partitions whose primary replica this member owns",
                HazelcastClusterMetrics::ownedPartitions);

        // One series per state, 1 for the current one: a bounded set that charts and alerts read directly.
        for (ClusterState state : ClusterState.values()) {
            Gauge.builder("hazelcast.cluster.state", hazelcast, member -> guarded(member, m -> m.getCluster().getClusterState() == state ? 1 : 0))
                    .tag("state", state.name())
                    .description("1 for the current cluster state, else 0")
                    .register(registry);
        }

        Counter completed = migrationCounter(registry, "completed");
        Counter failed = migrationCounter(registry, "failed");
        // NOTE: migrations that finished before the meters were bound, while the member was joining, are not counted.
        hazelcast.getPartitionService().addMigrationListener(new IncomingMigrations(hazelcast, completed, failed));
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<HazelcastInstance> value) {
        Gauge.builder(name, hazelcast, member -> guarded(member, value)).description(description).register(registry);
    }

    private static Counter migrationCounter(MeterRegistry registry, String result) {
        return Counter.builder("hazelcast.migrations")
                .tag("result", result)
                .description("Partition replica migrations whose destination is this member")
                .register(registry);
    }

    private static double ownedPartitions(HazelcastInstance member) {
        Member local = member.getCluster().getLocalMember();
        long owned = 0;
        for (Partition partition : member.getPartitionService().getPartitions()) {
            if (local.equals(partition.getOwner())) {
                owned++;
            }
        }
        return owned;
    }

    /** Returns {@code value} of the member, or NaN when the member no longer runs. */
    static double guarded(HazelcastInstance member, ToDoubleFunction<HazelcastInstance> value) {
        if (!member.getLifecycleService().isRunning()) {
            return Double.NaN;
        }
        try {
            return value.applyAsDouble(member);
        } catch (IllegalStateException stopped) {
            // HazelcastInstanceNotActiveException extends IllegalStateException: the member stopped during the read.
            return Double.NaN;
        }
    }

    /** Counts replica migrations that end on this member. */
    private static final class IncomingMigrations implements MigrationListener {

        private final HazelcastInstance hazelcast;
        private final Counter completed;
        private final Counter failed;

        IncomingMigrations(HazelcastInstance hazelcast, Counter completed, Counter failed) {
            this.hazelcast = hazelcast;
            this.completed = completed;
            this.failed = failed;
        }

        @Override
        public void migrationStarted(MigrationState state) {
        }

        @Override
        public void migrationFinished(MigrationState state) {
        }

        @Override
        public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            if (isLocal(event.getDestination())) {
                completed.increment();
            }
        }

        @Override
        public void replicaMigrationFailed(ReplicaMigrationEvent event) {
            if (isLocal(event.getDestination())) {
                failed.increment();
            }
        }

        private boolean isLocal(Member destination) {
            return destination != null && destination.getUuid().equals(hazelcast.getCluster().getLocalMember().getUuid());
        }
    }
}
