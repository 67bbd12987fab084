package io.cairn.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads {@link CairnSettings} from YAML below the root key {@code cairn:}, applies {@code CAIRN_*}
 * environment variables over it, and validates the result once.
 *
 * <p>Keys are kebab-case, as in {@code cairn.write-behind.flush-interval}. Durations are written
 * {@code 200ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 1d}, {@code 0}, or in ISO-8601
 * ({@code PT5S}). A missing setting takes the {@code DEFAULT_*} constant of its record, except
 * {@code cluster-name} and each shard's {@code jdbc-url} and {@code username}, which are required.
 * A YAML without {@code caches} gets one cache named {@code default}; {@code caches: {}} defines none.
 *
 * <p>An environment variable is the setting path in upper case with {@code _} for {@code .} and
 * {@code -}: {@code CAIRN_MEMBER_PORT}, {@code CAIRN_DISCOVERY_MEMBERS} (comma separated),
 * {@code CAIRN_SHARDS_0_PASSWORD} (shards by index), {@code CAIRN_CACHES_PRODUCTS_TTL} (caches by
 * name). Environment values win over YAML.
 *
 * <p>Every problem found, from unknown keys and variables to inconsistent shard ranges, is thrown
 * together in one {@link InvalidSettingsException}. Legal but risky values are logged at WARN.
 * Keys beside {@code cairn:} at the top level are ignored, so the file may be shared with other tools.
 */
public final class SettingsLoader {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);

    private SettingsLoader() {
    }

    /**
     * Reads and validates settings from a UTF-8 YAML file.
     *
     * @param yamlFile YAML file with the root key {@code cairn:}
     * @param environment environment variables, normally {@code System.getenv()}; only {@code CAIRN_*} ones are read
     * @throws InvalidSettingsException when the file cannot be read, is not valid YAML, or has invalid settings
     */
    public static CairnSettings load(Path yamlFile, Map<String, String> environment) {
        String yaml;
        try {
            yaml = Files.readString(yamlFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidSettingsException(List.of(new SettingsProblem("settings file", yamlFile.toString(),
                    "cannot be read (" + e + "); check the path and its permissions")), e);
        }

        CairnSettings settings = parse(yaml, environment);
        LOG.info("Loaded settings of cluster {} from {}", settings.clusterName(), yamlFile);
        return settings;
    }

    /**
     * Parses and validates settings from YAML text. An empty text means all defaults, so that the
     * environment alone can configure a node.
     *
     * @throws InvalidSettingsException when the text is not valid YAML or has invalid settings
     */
    public static CairnSettings parse(String yaml, Map<String, String> environment) {
        Problems problems = new Problems();
        Map<String, Object> tree = readTree(yaml, problems);

        UnknownKeys.check(tree, problems);
        EnvironmentOverrides.apply(tree, environment, problems);
        return bindAndValidate(tree, problems);
    }

    /**
     * Returns a valid local setup: cluster {@code cairn-local}, TCP-IP discovery of 127.0.0.1 ports
     * 5701 to 5703, this member on 127.0.0.1:5701, one cache {@code default} and no shards.
     */
    public static CairnSettings defaults() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("cluster-name", CairnSettings.DEFAULT_CLUSTER_NAME);
        return bindAndValidate(tree, new Problems());
    }

    private static CairnSettings bindAndValidate(Map<String, Object> tree, Problems problems) {
        CairnSettings settings = SettingsBinder.bind(tree, problems);
        SettingsValidator.validate(settings, problems);
        problems.throwIfAny();

        SettingsWarnings.log(settings);
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readTree(String yaml, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml parser = new Yaml(new SafeConstructor(options));

        Object document;
        try {
            document = parser.load(yaml);
        } catch (MarkedYAMLException e) {
            throw new InvalidSettingsException(List.of(new SettingsProblem("YAML",
                    "line " + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1),
                    "invalid YAML: " + e.getProblem() + "; fix the syntax at that position")), e);
        } catch (YAMLException e) {
            throw new InvalidSettingsException(List.of(new SettingsProblem("YAML", "(document)",
                    "invalid YAML: " + e.getMessage())), e);
        }

        if (document == null) {
            return new LinkedHashMap<>();
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new InvalidSettingsException(List.of(new SettingsProblem("YAML", "(document)",
                    "expected a map with the root key " + SettingsSchema.ROOT_KEY + ":")));
        }

        if (!top.containsKey(SettingsSchema.ROOT_KEY)) {
            List<String> keys = top.keySet().stream().map(String::valueOf).toList();
            String fix = "missing root key " + SettingsSchema.ROOT_KEY + ":"
                    + Suggestions.closest(SettingsSchema.ROOT_KEY, keys).map(match -> "; found " + match + ":, did you mean "
                            + SettingsSchema.ROOT_KEY + ":?").orElse("");
            problems.add(SettingsSchema.ROOT_KEY, null, fix);
            return new LinkedHashMap<>();
        }

        Object root = top.get(SettingsSchema.ROOT_KEY);
        if (root == null) {
            return new LinkedHashMap<>();
        }
        if (!(root instanceof Map)) {
            problems.add(SettingsSchema.ROOT_KEY, "(a single value)", "expected a map of settings below cairn:");
            return new LinkedHashMap<>();
        }
        return (Map<String, Object>) root;
    }
}
