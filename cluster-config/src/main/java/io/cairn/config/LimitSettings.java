package io.cairn.config;

/**
 * @param maxKeyBytes longest key in UTF-8 bytes
 * @param maxValueBytes largest JSON value in UTF-8 bytes
 */
public record LimitSettings(int maxKeyBytes, int maxValueBytes) {

    public static final int DEFAULT_MAX_KEY_BYTES = 512;

    /** Highest accepted {@code max-key-bytes}: keys are primary keys of PostgreSQL B-tree indexes. */
    public static final int MAX_KEY_BYTES_LIMIT = 4096;

    /** 1 MiB. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

    /** Values above this size (16 MiB) log a warning: they slow migrations and backups of their partition. */
    public static final int LARGE_VALUE_BYTES = 16 * 1024 * 1024;

    /** Returns the default key and value limits. */
    public static LimitSettings defaults() {
        return new LimitSettings(DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES);
    }
}
