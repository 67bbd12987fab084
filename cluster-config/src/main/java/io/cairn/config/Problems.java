package io.cairn.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects problems while settings are read and validated. It records which settings came from
 * environment variables, so a problem with such a value names the variable to change.
 */
final class Problems {

    static final String MISSING = "(missing)";

    static final String MASKED = "****";

    private final List<SettingsProblem> found = new ArrayList<>();

    private final Map<String, String> environmentSources = new HashMap<>();

    /** Records that the setting at {@code path} was set by environment variable {@code variable}. */
    void recordEnvironmentSource(String path, String variable) {
        environmentSources.put(path, variable);
    }

    void add(String setting, Object value, String fix) {
        String variable = environmentSources.get(setting);
        if (variable == null) {
            variable = environmentSources.get(setting.replaceFirst("\\[\\d+]$", ""));
        }
        String fullFix = variable == null ? fix : fix + " (the value comes from environment variable " + variable + ")";
        found.add(new SettingsProblem(setting, render(value), fullFix));
    }

    /** Adds a problem for a password or token, whose value never appears in messages or logs. */
    void addSecret(String setting, Object value, String fix) {
        add(setting, value == null ? null : MASKED, fix);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<SettingsProblem> list() {
        return List.copyOf(found);
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidSettingsException(found);
        }
    }

    static String render(Object value) {
        if (value == null) {
            return MISSING;
        }
        return "'" + value + "'";
    }
}
