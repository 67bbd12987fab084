package io.cairn.config;

import java.util.List;
import java.util.Map;

/**
 * Reports YAML keys that the schema does not know, each with the closest known key. Values of the
 * wrong shape are left to {@link SettingsBinder}, which reports them.
 */
final class UnknownKeys {

    private UnknownKeys() {
    }

    static void check(Map<?, ?> root, Problems problems) {
        checkSection(SettingPaths.ROOT, SettingsSchema.ROOT, root, problems);
    }

    private static void checkSection(String path, SettingsSchema.Section schema, Map<?, ?> values, Problems problems) {
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            String key = String.valueOf(entry.getKey());
            SettingsSchema.Node node = schema.fields().get(key);
            String childPath = SettingPaths.child(path, key);
            if (node == null) {
                String fix = Suggestions.closest(key, schema.fields().keySet())
                        .map(match -> "unknown setting; did you mean " + SettingPaths.child(path, match) + "?")
                        .orElse("unknown setting; remove it");
                problems.add(childPath, key, fix);
                continue;
            }
            checkNode(childPath, node, entry.getValue(), problems);
        }
    }

    private static void checkNode(String path, SettingsSchema.Node node, Object value, Problems problems) {
        if (node instanceof SettingsSchema.Section section && value instanceof Map<?, ?> map) {
            checkSection(path, section, map, problems);
            return;
        }

        if (node instanceof SettingsSchema.ListOf listOf && value instanceof List<?> list) {
            for (int index = 0; index < list.size(); index++) {
                if (list.get(index) instanceof Map<?, ?> element) {
                    checkSection(SettingPaths.element(path, index), listOf.element(), element, problems);
                }
            }
            return;
        }

        if (node instanceof SettingsSchema.NamedSections named && value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() instanceof Map<?, ?> element) {
                    checkSection(SettingPaths.child(path, String.valueOf(entry.getKey())), named.element(), element,
                            problems);
                }
            }
        }
    }
}
