package io.cairn.config;

/**
 * @param token bearer token that the admin HTTP API requires; null disables the admin API
 */
public record AdminSettings(String token) {

    @Override
    public String toString() {
        return "AdminSettings{token=" + (token == null ? "none" : "set") + '}';
    }
}
