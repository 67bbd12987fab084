package io.cairn.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** YAML fixtures and small helpers shared by the settings tests. */
final class TestYaml {

    static final Map<String, String> NO_ENVIRONMENT = Map.of();

    private TestYaml() {
    }

    static Path fullSettingsFile() {
        try {
            return Path.of(TestYaml.class.getResource("/full-settings.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("full-settings.yaml is not on the test class path", e);
        }
    }

    static String fullSettings() {
        try {
            return Files.readString(fullSettingsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses YAML that must be invalid and returns the exception. */
    static InvalidSettingsException parseInvalid(String yaml, Map<String, String> environment) {
        try {
            SettingsLoader.parse(yaml, environment);
        } catch (InvalidSettingsException expected) {
            return expected;
        }
        throw new AssertionError("expected InvalidSettingsException for:\n" + yaml);
    }

    static InvalidSettingsException parseInvalid(String yaml) {
        return parseInvalid(yaml, NO_ENVIRONMENT);
    }
}
