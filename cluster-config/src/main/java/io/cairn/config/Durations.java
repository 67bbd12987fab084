package io.cairn.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as a whole number and a unit ({@code 200ms}, {@code 5s}, {@code 10m},
 * {@code 1h}, {@code 2d}), as ISO-8601 ({@code PT5S}), or as a bare {@code 0}. Negative values parse,
 * so that validation can reject them by name.
 */
final class Durations {

    private static final Pattern WITH_UNIT = Pattern.compile("([+-]?\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    static Optional<Duration> parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("0") || trimmed.equals("-0") || trimmed.equals("+0")) {
            return Optional.of(Duration.ZERO);
        }

        Matcher matcher = WITH_UNIT.matcher(trimmed);
        if (matcher.matches()) {
            try {
                long amount = Long.parseLong(matcher.group(1));
                return Optional.of(switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            } catch (ArithmeticException | NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }

        try {
            return Optional.of(Duration.parse(text.trim()));
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    /** Returns the shortest text that {@link #parse} reads back to the same duration, for messages. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long millis;
        try {
            millis = duration.toMillis();
        } catch (ArithmeticException tooLong) {
            return duration.toString();
        }
        if (!duration.equals(Duration.ofMillis(millis))) {
            return duration.toString();
        }
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
