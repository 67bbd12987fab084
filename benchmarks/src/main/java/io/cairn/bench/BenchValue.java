package io.cairn.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The value every benchmark stores: a number and a padding text, about 1 KB of JSON. Every system
 * under test maps it to JSON and back with the same Jackson mapper, so each side pays the same
 * encoding cost.
 */
public record BenchValue(long number, String text) {

    /** Characters of padding, chosen so that the JSON of a value with a short number is about 1,024 bytes. */
    static final int PADDING_CHARS = 1_000;

    private static final String PADDING = "x".repeat(PADDING_CHARS);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static BenchValue of(long number) {
        return new BenchValue(number, PADDING);
    }

    static byte[] toJson(BenchValue value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to map bench value " + value.number() + " to JSON", e);
        }
    }

    static String toJsonText(BenchValue value) {
        return new String(toJson(value), StandardCharsets.UTF_8);
    }

    static BenchValue fromJson(byte[] json) {
        try {
            return JSON.readValue(json, BenchValue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read a bench value from " + json.length + " bytes of JSON", e);
        }
    }

    static BenchValue fromJson(String json) {
        try {
            return JSON.readValue(json, BenchValue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read a bench value from JSON of " + json.length() + " characters", e);
        }
    }
}
