package io.cairn.config;

/**
 * @param token bearer token that the admin HTTP API requires; null disables the admin API
 */
public record AdminSettings(String token) {

    /** No token, so the admin API is disabled. */
    public static final String DEFAULT_TOKEN = null;

    /** Returns the admin settings with the admin API disabled. */
    public static AdminSettings defaults() {
        return new AdminSettings(DEFAULT_TOKEN);
    }

    @Override
    public String toString() {
        return "AdminSettings{token=" + (token == null ? "none" : "set") + '}';
    }
}
