package io.cairn.config;

import java.time.Duration;

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
}
