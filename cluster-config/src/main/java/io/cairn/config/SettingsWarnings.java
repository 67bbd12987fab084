package io.cairn.config;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds values that are legal but risky and logs each at WARN, naming the setting and its value.
 * Passwords and tokens are never part of a warning.
 */
final class SettingsWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsWarnings.class);

    /** Admin tokens shorter than this (in characters) log a warning. */
    static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    private SettingsWarnings() {
    }

    static List<String> log(CairnSettings settings) {
        List<String> warnings = find(settings);
        for (String warning : warnings) {
            LOG.warn("Cluster {}: {}", settings.clusterName(), warning);
        }
        return warnings;
    }

    static List<String> find(CairnSettings settings) {
        List<String> warnings = new ArrayList<>();
        String bind = settings.member().bindAddress();
        boolean loopback = Addresses.isLoopback(bind);

        if (!loopback) {
            warnings.add("cairn.member.bind-address=" + bind + " is not a loopback address, so other hosts can reach "
                    + "this member; make sure a firewall limits who can");
        }
        if (!loopback && settings.admin().token() == null) {
            warnings.add("cairn.admin.token is not set while cairn.member.bind-address=" + bind
                    + " is reachable from other hosts; set a token so that the admin API requires one");
        }
        if (settings.admin().token() != null && settings.admin().token().length() < MIN_ADMIN_TOKEN_LENGTH) {
            warnings.add("cairn.admin.token is shorter than " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters and easy to guess; use a long random token");
        }

        for (CacheSettings cache : settings.caches().values()) {
            if (cache.backupCount() == 0) {
                warnings.add(SettingPaths.cache(cache.name(), "backup-count") + "=0 keeps one copy of each entry, so "
                        + "dirty entries not yet written to PostgreSQL are lost when a member dies");
            }
            if (cache.maxSize() > 0 && settings.shards().isEmpty()) {
                warnings.add(SettingPaths.cache(cache.name(), "max-size") + "=" + cache.maxSize()
                        + " evicts entries, and with no shards an evicted entry is lost");
            }
            if (cache.maxSize() > 0 && cache.maxSize() < settings.writeBehind().maxDirtyEntries()) {
                warnings.add(SettingPaths.cache(cache.name(), "max-size") + "=" + cache.maxSize()
                        + " is below cairn.write-behind.max-dirty-entries=" + settings.writeBehind().maxDirtyEntries()
                        + ", so eviction may have to remove dirty entries");
            }
        }
        if (settings.sessions().backupCount() == 0) {
            warnings.add("cairn.sessions.backup-count=0 keeps one copy of each session, so sessions not yet written "
                    + "to PostgreSQL are lost when a member dies");
        }

        if (settings.shards().isEmpty()) {
            warnings.add("cairn.shards is empty, so nothing is written to PostgreSQL and all data is lost when the "
                    + "whole cluster stops");
        }
        for (int index = 0; index < settings.shards().size(); index++) {
            ShardSettings shard = settings.shards().get(index);
            if (shard.maxConcurrentBatches() > shard.poolSize()) {
                warnings.add(SettingPaths.shard(index, "max-concurrent-batches") + "=" + shard.maxConcurrentBatches()
                        + " on shard " + shard.name() + " is above pool-size=" + shard.poolSize()
                        + ", so some batches wait for a connection");
            }
            if (shard.statementTimeout().isZero()) {
                warnings.add(SettingPaths.shard(index, "statement-timeout") + "=0s on shard " + shard.name()
                        + " lets a stuck statement hold a connection forever");
            }
        }

        if (settings.writeBehind().tombstoneRetention().isZero()) {
            warnings.add("cairn.write-behind.tombstone-retention=0s removes delete markers at once, so a late, "
                    + "older write can bring a deleted row back");
        }
        if (settings.limits().maxValueBytes() > LimitSettings.LARGE_VALUE_BYTES) {
            warnings.add("cairn.limits.max-value-bytes=" + settings.limits().maxValueBytes()
                    + " allows values above 16 MiB, which slow partition migration and backups");
        }
        return warnings;
    }
}
