package io.cairn.config;

/** Builds the setting paths that problems and warnings name, for example {@code cairn.shards[0].jdbc-url}. */
final class SettingPaths {

    static final String ROOT = SettingsSchema.ROOT_KEY;

    private SettingPaths() {
    }

    static String child(String path, String key) {
        return path + "." + key;
    }

    static String element(String path, int index) {
        return path + "[" + index + "]";
    }

    static String cache(String name, String key) {
        return ROOT + ".caches." + name + "." + key;
    }

    static String shard(int index, String key) {
        return ROOT + ".shards[" + index + "]." + key;
    }

    static String of(String section, String key) {
        return ROOT + "." + section + "." + key;
    }
}
