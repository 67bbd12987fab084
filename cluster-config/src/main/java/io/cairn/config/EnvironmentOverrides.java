package io.cairn.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code CAIRN_*} environment variables to the YAML tree before it is bound. A variable name
 * is the setting path in upper case with {@code _} for both {@code .} and {@code -}, for example
 * {@code CAIRN_WRITE_BEHIND_FLUSH_INTERVAL}. Shards are addressed by index
 * ({@code CAIRN_SHARDS_0_JDBC_URL}) and caches by name ({@code CAIRN_CACHES_PRODUCTS_TTL}).
 *
 * <p>Names are resolved against {@link SettingsSchema}, longest key first, so {@code SHARD_MAP}
 * never reads as {@code SHARDS}. A cache name is first matched against the caches in the YAML. When
 * none matches, the part before a known cache key names a new cache, in lower case. A shard index
 * may be at most one past the last shard, which appends a shard.
 */
final class EnvironmentOverrides {

    static final String PREFIX = SettingsSchema.ROOT_KEY.toUpperCase(Locale.ROOT) + "_";

    private static final Pattern INDEXED = Pattern.compile("(\\d{1,4})_(.+)");

    private EnvironmentOverrides() {
    }

    /** A resolved variable: the path of keys (strings) and list indexes (integers) it sets. */
    /**
     * Variables that Kubernetes injects for a Service named {@code cairn} (service links), such as
     * {@code CAIRN_SERVICE_HOST} and {@code CAIRN_PORT_5701_TCP_ADDR}. They are not settings and are
     * skipped, so a node in such a namespace still starts.
     */
    private static final java.util.regex.Pattern KUBERNETES_SERVICE_LINK =
            java.util.regex.Pattern.compile("CAIRN_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_[A-Z]+)?)?)");

    private record Override(String variable, List<Object> path, String value, SettingsSchema.Value target) {
    }

    private record Resolution(List<Object> path, SettingsSchema.Value target) {

        Resolution prepend(Object segment) {
            List<Object> longer = new ArrayList<>(path.size() + 1);
            longer.add(segment);
            longer.addAll(path);
            return new Resolution(longer, target);
        }
    }

    static void apply(Map<String, Object> root, Map<String, String> environment, Problems problems) {
        List<Override> overrides = new ArrayList<>();
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            String variable = entry.getKey();
            if (!variable.startsWith(PREFIX) || KUBERNETES_SERVICE_LINK.matcher(variable).matches()) {
                continue;
            }

            Optional<Resolution> resolution = resolveSection(SettingsSchema.ROOT, root, variable.substring(PREFIX.length()));
            if (resolution.isEmpty()) {
                List<String> known = knownVariables(root);
                String fix = Suggestions.closest(variable, known)
                        .map(match -> "unknown environment variable; did you mean " + match + "?")
                        .orElse("unknown environment variable; unset it");
                problems.add(variable, variable, fix);
                continue;
            }
            overrides.add(new Override(variable, resolution.get().path(), entry.getValue(), resolution.get().target()));
        }

        overrides.sort(Comparator.comparing(Override::path, EnvironmentOverrides::comparePaths));
        for (Override override : overrides) {
            set(root, override, problems);
        }
    }

    /** Returns every variable name the current tree accepts, for suggestions. */
    static List<String> knownVariables(Map<String, Object> root) {
        List<String> names = new ArrayList<>();
        collectSection(SettingsSchema.ROOT, root, PREFIX, names);
        return names;
    }

    private static Optional<Resolution> resolveSection(SettingsSchema.Section schema, Object values, String rest) {
        List<Map.Entry<String, SettingsSchema.Node>> fields = new ArrayList<>(schema.fields().entrySet());
        fields.sort(Comparator.comparingInt((Map.Entry<String, SettingsSchema.Node> field) -> field.getKey().length())
                .reversed());

        for (Map.Entry<String, SettingsSchema.Node> field : fields) {
            String token = token(field.getKey());
            SettingsSchema.Node node = field.getValue();
            if (node instanceof SettingsSchema.Value value && rest.equals(token)) {
                return Optional.of(new Resolution(List.of(field.getKey()), value));
            }
            if (!(node instanceof SettingsSchema.Value) && rest.startsWith(token + "_")) {
                Object child = values instanceof Map<?, ?> map ? map.get(field.getKey()) : null;
                Optional<Resolution> inner = resolveNode(node, child, rest.substring(token.length() + 1));
                if (inner.isPresent()) {
                    return Optional.of(inner.get().prepend(field.getKey()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Resolution> resolveNode(SettingsSchema.Node node, Object values, String rest) {
        if (node instanceof SettingsSchema.Section section) {
            return resolveSection(section, values, rest);
        }

        if (node instanceof SettingsSchema.ListOf listOf) {
            Matcher matcher = INDEXED.matcher(rest);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            int index = Integer.parseInt(matcher.group(1));
            Object element = values instanceof List<?> list && index < list.size() ? list.get(index) : null;
            return resolveSection(listOf.element(), element, matcher.group(2)).map(inner -> inner.prepend(index));
        }

        if (node instanceof SettingsSchema.NamedSections named) {
            return resolveNamed(named, values, rest);
        }
        return Optional.empty();
    }

    private static Optional<Resolution> resolveNamed(SettingsSchema.NamedSections named, Object values, String rest) {
        if (values instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>();
            map.keySet().forEach(name -> names.add(String.valueOf(name)));
            names.sort(Comparator.comparingInt(String::length).reversed());
            for (String name : names) {
                String token = token(name);
                if (rest.startsWith(token + "_")) {
                    Optional<Resolution> inner = resolveSection(named.element(), map.get(name),
                            rest.substring(token.length() + 1));
                    if (inner.isPresent()) {
                        return Optional.of(inner.get().prepend(name));
                    }
                }
            }
        }

        for (Map.Entry<String, SettingsSchema.Node> field : named.element().fields().entrySet()) {
            String suffix = "_" + token(field.getKey());
            if (rest.endsWith(suffix) && rest.length() > suffix.length()
                    && field.getValue() instanceof SettingsSchema.Value value) {
                String name = rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT);
                return Optional.of(new Resolution(List.of(name, field.getKey()), value));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> root, Override override, Problems problems) {
        Object container = root;
        String path = SettingPaths.ROOT;
        List<Object> segments = override.path();

        for (int i = 0; i < segments.size() - 1; i++) {
            Object segment = segments.get(i);
            Object next = segments.get(i + 1);
            Object created = next instanceof Integer ? new ArrayList<>() : new LinkedHashMap<String, Object>();

            if (segment instanceof Integer index) {
                List<Object> list = (List<Object>) container;
                if (index > list.size()) {
                    problems.add(override.variable(), index, "no element " + (index - 1) + " in " + path
                            + "; number list elements from 0 without gaps");
                    return;
                }
                if (index == list.size()) {
                    list.add(created);
                } else if (!(list.get(index) instanceof Map)) {
                    list.set(index, created);
                }
                path = SettingPaths.element(path, index);
                container = list.get(index);
                continue;
            }

            Map<String, Object> map = (Map<String, Object>) container;
            Object existing = map.get(segment);
            boolean fits = next instanceof Integer ? existing instanceof List : existing instanceof Map;
            if (!fits) {
                map.put((String) segment, created);
            }
            path = SettingPaths.child(path, (String) segment);
            container = map.get(segment);
        }

        String key = (String) segments.get(segments.size() - 1);
        Object value = override.target().list() ? splitList(override.value()) : override.value();
        ((Map<String, Object>) container).put(key, value);
        problems.recordEnvironmentSource(SettingPaths.child(path, key), override.variable());
    }

    private static List<String> splitList(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static int comparePaths(List<Object> first, List<Object> second) {
        for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
            Object a = first.get(i);
            Object b = second.get(i);
            int order = a instanceof Integer x && b instanceof Integer y
                    ? Integer.compare(x, y)
                    : String.valueOf(a).compareTo(String.valueOf(b));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(first.size(), second.size());
    }

    private static void collectSection(SettingsSchema.Section schema, Object values, String prefix, List<String> names) {
        for (Map.Entry<String, SettingsSchema.Node> field : schema.fields().entrySet()) {
            String name = prefix + token(field.getKey());
            Object child = values instanceof Map<?, ?> map ? map.get(field.getKey()) : null;
            SettingsSchema.Node node = field.getValue();

            if (node instanceof SettingsSchema.Value) {
                names.add(name);
            } else if (node instanceof SettingsSchema.Section section) {
                collectSection(section, child, name + "_", names);
            } else if (node instanceof SettingsSchema.ListOf listOf) {
                int count = Math.max(1, child instanceof List<?> list ? list.size() : 0);
                for (int index = 0; index < count; index++) {
                    Object element = child instanceof List<?> list && index < list.size() ? list.get(index) : null;
                    collectSection(listOf.element(), element, name + "_" + index + "_", names);
                }
            } else if (node instanceof SettingsSchema.NamedSections named) {
                if (child instanceof Map<?, ?> map) {
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        collectSection(named.element(), entry.getValue(),
                                name + "_" + token(String.valueOf(entry.getKey())) + "_", names);
                    }
                }
                collectSection(named.element(), null, name + "_<NAME>_", names);
            }
        }
    }

    /** Returns the environment spelling of a key or name: upper case, {@code -} as {@code _}. */
    static String token(String key) {
        return key.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
