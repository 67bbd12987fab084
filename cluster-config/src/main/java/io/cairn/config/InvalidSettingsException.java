package io.cairn.config;

import java.util.List;

/**
 * Thrown when settings fail validation. It carries every problem found, so that one start attempt
 * reports all of them.
 */
public class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<SettingsProblem> problems;

    public InvalidSettingsException(List<SettingsProblem> problems) {
        this(problems, null);
    }

    public InvalidSettingsException(List<SettingsProblem> problems, Throwable cause) {
        super(formatMessage(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** Returns the problems in the order they were found. */
    public List<SettingsProblem> problems() {
        return problems;
    }

    private static String formatMessage(List<SettingsProblem> problems) {
        StringBuilder message = new StringBuilder("Invalid Cairn settings, ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (SettingsProblem problem : problems) {
            message.append(System.lineSeparator()).append("  ").append(problem.describe());
        }
        return message.toString();
    }
}
