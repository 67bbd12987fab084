package io.cairn.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads from one YAML map. A missing key returns the given default. A value of the wrong type
 * is reported to {@link Problems} and the default is returned, so that binding continues and every
 * problem is found in one pass. Environment variables arrive as strings, so every reader also
 * parses text.
 */
final class YamlSection {

    private final String path;

    private final Map<?, ?> values;

    private final Problems problems;

    YamlSection(String path, Map<?, ?> values, Problems problems) {
        this.path = path;
        this.values = values;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return SettingPaths.child(path, key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** Returns the text of a single value, null when the YAML value is {@code null}. */
    String string(String key, String defaultValue) {
        if (!values.containsKey(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problems.add(pathOf(key), describeShape(value), "expected a single value, not a list or map");
            return defaultValue;
        }
        return String.valueOf(value);
    }

    /** Like {@link #string} for a password or token: a wrong shape is reported without the value. */
    String secret(String key, String defaultValue) {
        Object value = values.get(key);
        if (value instanceof Map || value instanceof List) {
            problems.addSecret(pathOf(key), value, "expected a single value, not a list or map");
            return defaultValue;
        }
        String text = string(key, defaultValue);
        return text == null || text.isBlank() ? null : text;
    }

    int integer(String key, int defaultValue) {
        if (!values.containsKey(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        String fix = "expected a whole number, for example " + defaultValue;
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            problems.add(pathOf(key), value, "too large; use at most " + Integer.MAX_VALUE);
            return defaultValue;
        }
        if (value instanceof String text) {
            try {
                return Integer.parseInt(text.trim().replace("_", ""));
            } catch (NumberFormatException notANumber) {
                problems.add(pathOf(key), value, fix);
                return defaultValue;
            }
        }
        problems.add(pathOf(key), describeShape(value), fix);
        return defaultValue;
    }

    /** Like {@link #integer} for a setting without a default: a missing key is a problem. */
    int requiredInteger(String key) {
        if (!values.containsKey(key)) {
            problems.add(pathOf(key), null, "missing; set a whole number");
            return 0;
        }
        return integer(key, 0);
    }

    boolean bool(String key, boolean defaultValue) {
        if (!values.containsKey(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text) {
            String normalized = text.trim().toLowerCase(Locale.ROOT);
            if (normalized.equals("true") || normalized.equals("false")) {
                return Boolean.parseBoolean(normalized);
            }
        }
        problems.add(pathOf(key), describeShape(value), "expected true or false");
        return defaultValue;
    }

    Duration duration(String key, Duration defaultValue) {
        if (!values.containsKey(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        String fix = "expected a duration such as 200ms, 5s, 10m, 1h or PT5S, for example "
                + Durations.format(defaultValue);
        if (value instanceof Integer number && number == 0) {
            return Duration.ZERO;
        }
        if (value instanceof String text) {
            return Durations.parse(text).orElseGet(() -> {
                problems.add(pathOf(key), value, fix);
                return defaultValue;
            });
        }
        problems.add(pathOf(key), describeShape(value), fix);
        return defaultValue;
    }

    /** Reads a list of strings, written as a YAML list or as one comma-separated string. */
    List<String> stringList(String key, List<String> defaultValue) {
        if (!values.containsKey(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.size());
            for (int index = 0; index < list.size(); index++) {
                Object item = list.get(index);
                if (item == null || item instanceof Map || item instanceof List) {
                    problems.add(SettingPaths.element(pathOf(key), index), describeShape(item),
                            "expected a single value in this list");
                    continue;
                }
                items.add(String.valueOf(item));
            }
            return List.copyOf(items);
        }
        problems.add(pathOf(key), describeShape(value), "expected a list");
        return defaultValue;
    }

    /** Returns the map under {@code key} as a section; an empty one when the key is missing or null. */
    YamlSection child(String key) {
        Object value = values.get(key);
        if (value instanceof Map<?, ?> map) {
            return new YamlSection(pathOf(key), map, problems);
        }
        if (value != null) {
            problems.add(pathOf(key), describeShape(value), "expected a map of settings");
        }
        return new YamlSection(pathOf(key), Map.of(), problems);
    }

    /** Returns the list of maps under {@code key}, or null when the key is missing. */
    List<YamlSection> sectionList(String key) {
        if (!values.containsKey(key)) {
            return null;
        }
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(pathOf(key), describeShape(value), "expected a list of maps");
            return List.of();
        }

        List<YamlSection> sections = new ArrayList<>(list.size());
        for (int index = 0; index < list.size(); index++) {
            String elementPath = SettingPaths.element(pathOf(key), index);
            if (list.get(index) instanceof Map<?, ?> map) {
                sections.add(new YamlSection(elementPath, map, problems));
            } else {
                problems.add(elementPath, describeShape(list.get(index)), "expected a map of settings");
            }
        }
        return sections;
    }

    /** Returns the named maps under {@code key} in YAML order, or null when the key is missing. */
    Map<String, YamlSection> namedSections(String key) {
        if (!values.containsKey(key)) {
            return null;
        }
        Object value = values.get(key);
        Map<String, YamlSection> sections = new LinkedHashMap<>();
        if (value == null) {
            return sections;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(pathOf(key), describeShape(value), "expected a map from names to settings");
            return sections;
        }

        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String elementPath = pathOf(key) + "." + name;
            if (entry.getValue() == null) {
                sections.put(name, new YamlSection(elementPath, Map.of(), problems));
            } else if (entry.getValue() instanceof Map<?, ?> settings) {
                sections.put(name, new YamlSection(elementPath, settings, problems));
            } else {
                problems.add(elementPath, describeShape(entry.getValue()), "expected a map of settings");
            }
        }
        return sections;
    }

    private static Object describeShape(Object value) {
        if (value instanceof Map) {
            return "(a map)";
        }
        if (value instanceof List) {
            return "(a list)";
        }
        return value;
    }
}
