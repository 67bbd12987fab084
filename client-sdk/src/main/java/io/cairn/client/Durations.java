package io.cairn.client;

import java.time.Duration;

/** Formats durations for messages. */
final class Durations {

    private Durations() {
    }

    /** Renders {@code duration} in milliseconds, or as "no limit" when it is zero. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "no limit";
        }
        return duration.toMillis() + " ms";
    }
}
