package io.cairn.cli.admin;

import java.util.Locale;

/** Number formats of the admin tables. */
final class Tables {

    private Tables() {
    }

    static String count(long value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, "%,d", value);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
