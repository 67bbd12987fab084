package io.cairn.config;

/**
 * One invalid setting.
 *
 * @param setting path of the setting as written in YAML, for example {@code cairn.caches.products.backup-count},
 *     or the name of the environment variable or file the problem is in
 * @param value the rejected value as text, {@code (missing)} when absent, {@code ****} for passwords and tokens
 * @param fix what is wrong and what to change
 */
public record SettingsProblem(String setting, String value, String fix) {

    /** Returns one line: setting, rejected value and fix. */
    public String describe() {
        return setting + " = " + value + ": " + fix;
    }
}
