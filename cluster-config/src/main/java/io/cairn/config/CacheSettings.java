package io.cairn.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * @param name cache name, used in {@code cache.<name>} and in table names
 * @param backupCount synchronous backups of each entry, 0 to 6
 * @param ttl default time to live of an entry; zero means entries do not expire
 * @param maxIdle time after the last access at which a clean entry leaves memory (it stays in
 *     PostgreSQL); zero means never
 * @param maxSize maximum entries per member before clean entries are evicted from memory; zero means no limit
 * @param nearCache whether SDK clients keep a near cache of this map
 */
public record CacheSettings(String name, int backupCount, Duration ttl, Duration maxIdle, int maxSize, boolean nearCache) {

    /** Name of the single cache that {@link SettingsLoader#defaults()} and a YAML without {@code caches} define. */
    public static final String DEFAULT_NAME = "default";

    /** Valid cache names: they become part of map and table names. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    /** Highest backup count Hazelcast accepts. */
    public static final int MAX_BACKUP_COUNT = 6;

    /** One synchronous backup: an entry survives the death of any one member. */
    public static final int DEFAULT_BACKUP_COUNT = 1;

    /** Entries do not expire unless the writer sets a time to live. */
    public static final Duration DEFAULT_TTL = Duration.ZERO;

    /** Clean entries stay in memory regardless of access. */
    public static final Duration DEFAULT_MAX_IDLE = Duration.ZERO;

    /** Entries per member; zero means no limit. */
    public static final int DEFAULT_MAX_SIZE = 0;

    public static final boolean DEFAULT_NEAR_CACHE = false;

    /** Returns a cache with the given name and every other setting at its default. */
    public static CacheSettings defaults(String name) {
        return new CacheSettings(name, DEFAULT_BACKUP_COUNT, DEFAULT_TTL, DEFAULT_MAX_IDLE, DEFAULT_MAX_SIZE, DEFAULT_NEAR_CACHE);
    }
}
