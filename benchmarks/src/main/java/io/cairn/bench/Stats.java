package io.cairn.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, minimum and maximum of the runs of one figure. With an even number of runs the median
 * is the mean of the two middle values.
 */
record Stats(double median, double min, double max, List<Double> runs) {

    static Stats of(List<Double> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A figure needs at least one run");
        }
        List<Double> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(n - 1), List.copyOf(runs));
    }

    /** Returns the run-by-run ratios {@code numerators[i] / denominators[i]}; both lists come from the same runs. */
    static Stats ratios(List<Double> numerators, List<Double> denominators) {
        if (numerators.size() != denominators.size()) {
            throw new IllegalArgumentException("Ratios need paired runs, got " + numerators.size() + " and "
                    + denominators.size());
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        return of(ratios);
    }

    /** Formats as {@code median (min–max)} with the given number format, for example {@code %,.0f}. */
    String format(String number) {
        return String.format(number, median) + " (" + String.format(number, min) + "–" + String.format(number, max) + ")";
    }
}
