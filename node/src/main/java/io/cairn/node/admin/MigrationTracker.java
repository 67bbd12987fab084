package io.cairn.node.admin;

import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;

/**
 * Keeps the progress of the latest partition migration process that this member heard of.
 * Hazelcast reports it from the member that coordinates migrations (normally the oldest member),
 * so a member that joined after the process started reports nothing until the next process.
 */
final class MigrationTracker implements MigrationListener {

    private volatile MigrationState latest;
    private volatile boolean inProgress;

    @Override
    public void migrationStarted(MigrationState state) {
        latest = state;
        inProgress = true;
    }

    @Override
    public void migrationFinished(MigrationState state) {
        latest = state;
        inProgress = false;
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        latest = event.getMigrationState();
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {
        latest = event.getMigrationState();
    }

    /** Returns the progress of the latest migration process, or null if this member saw none. */
    Migrations snapshot() {
        MigrationState state = latest;
        if (state == null) {
            return null;
        }
        return new Migrations(inProgress, state.getPlannedMigrations(), state.getCompletedMigrations(),
                state.getRemainingMigrations(), state.getStartTime(), state.getTotalElapsedTime());
    }

    /**
     * Progress of one migration process.
     *
     * @param inProgress true between its start and finish events
     * @param planned replica migrations planned
     * @param completed replica migrations done so far
     * @param remaining replica migrations still queued or running
     * @param startedAtMillis start time, epoch milliseconds
     * @param elapsedMillis time spent migrating so far
     */
    record Migrations(boolean inProgress, int planned, int completed, int remaining, long startedAtMillis,
                      long elapsedMillis) {
    }
}
