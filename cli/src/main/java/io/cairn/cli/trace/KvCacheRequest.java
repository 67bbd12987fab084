package io.cairn.cli.trace;

/**
 * One line of a kvcache trace: {@code opCount} identical operations on one key within the second
 * {@code opTimeSeconds}.
 *
 * @param lineNumber line of the trace file, counting the header as line 1
 * @param opTimeSeconds time of the operations in seconds, on the trace's own clock
 * @param key anonymised key, as written in the trace
 * @param op operation
 * @param opCount number of identical operations this line stands for, at least 1
 * @param valueSize value size in bytes; 0 on a miss
 * @param ttlSeconds time to live in seconds for writes; 0 for other operations
 */
public record KvCacheRequest(long lineNumber, long opTimeSeconds, String key, KvCacheOp op, int opCount, long valueSize,
                             long ttlSeconds) {
}
