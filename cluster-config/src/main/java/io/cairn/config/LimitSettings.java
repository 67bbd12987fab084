package io.cairn.config;

/**
 * @param maxKeyBytes longest key in UTF-8 bytes
 * @param maxValueBytes largest JSON value in UTF-8 bytes
 */
public record LimitSettings(int maxKeyBytes, int maxValueBytes) {
}
