package io.cairn.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Map;

/** Draws the suite's PNG charts from its results with JFreeChart, headless. */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final double LOG_AXIS_LOWEST = 0.01;

    private final Path directory;

    Charts(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    /** Draws each ratio's median next to its target on a log scale. A ratio without a target gets no target bar. */
    void ratios(Map<String, Stats> ratios, Map<String, Double> targets) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        ratios.forEach((name, stats) -> {
            dataset.addValue(stats.median(), "measured (median)", name);
            dataset.addValue(targets.getOrDefault(name, Double.NaN), "target", name);
        });
        JFreeChart chart = ChartFactory.createBarChart("Cairn against the alternatives: ratio of the medians", null,
                "ratio (log scale)", dataset, PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis axis = logAxis("ratio (log scale, 1 = equal)");
        plot.setRangeAxis(axis);
        plot.addRangeMarker(new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.5f)));
        BarRenderer renderer = styledBars(plot);
        renderer.setBase(LOG_AXIS_LOWEST);
        save(chart, "ratios.png", WIDTH, 650);
    }

    /** Draws the median of each series per category as grouped bars, on a log scale if {@code logScale}. */
    void bars(String file, String title, String valueLabel, Map<String, Map<String, Stats>> bySeriesAndCategory,
              boolean logScale) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        bySeriesAndCategory.forEach((series, categories) ->
                categories.forEach((category, stats) -> dataset.addValue(stats.median(), series, category)));
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, dataset, PlotOrientation.VERTICAL,
                true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = styledBars(plot);
        if (logScale) {
            LogAxis axis = logAxis(valueLabel + " (log scale)");
            plot.setRangeAxis(axis);
            renderer.setBase(LOG_AXIS_LOWEST);
        }
        save(chart, file, WIDTH, HEIGHT);
    }

    /** Draws completed writes per second in each 500 ms bucket around the kill, one line per run. */
    void failover(FailoverBenchmark.Result result) throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        int run = 1;
        for (FailoverBenchmark.RunResult runResult : result.runs()) {
            XYSeries series = new XYSeries("run " + run++);
            long[] buckets = runResult.bucketWrites();
            for (int i = 0; i < buckets.length; i++) {
                double secondsSinceKill = (i * FailoverBenchmark.BUCKET_MILLIS - runResult.killAtMillis()) / 1000.0;
                series.add(secondsSinceKill, buckets[i] * 1000.0 / FailoverBenchmark.BUCKET_MILLIS);
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Writes per second (500 ms buckets) around a SIGKILL of one of three nodes", "seconds since the kill",
                "acknowledged writes per second", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker kill = new ValueMarker(0, Color.RED, new BasicStroke(2f));
        kill.setLabel("kill");
        plot.addDomainMarker(kill);
        ValueMarker safe = new ValueMarker(result.safeAfterSeconds().median(), new Color(0, 128, 0), new BasicStroke(2f));
        safe.setLabel("safe (median)");
        plot.addDomainMarker(safe);
        save(chart, "failover.png", WIDTH, HEIGHT);
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setSmallestValue(LOG_AXIS_LOWEST);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        return axis;
    }

    private static BarRenderer styledBars(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        return renderer;
    }

    private void save(JFreeChart chart, String file, int width, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(directory.resolve(file).toFile(), chart, width, height);
        System.out.println("Wrote " + directory.resolve(file));
    }
}
