package io.contactdesk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG charts (JFreeChart, headless). */
final class Charts {

    private Charts() {
    }

    /** One line per series: x → y, both axes logarithmic when asked. */
    static void lines(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
            boolean logX, boolean logY) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries s = new XYSeries(name);
            points.forEach(p -> s.add(p[0], Math.max(p[1], logY ? 0.1 : p[1])));
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true,
                false, false);
        if (logX) {
            chart.getXYPlot().setDomainAxis(new LogarithmicAxis(xLabel));
        }
        if (logY) {
            chart.getXYPlot().setRangeAxis(new LogarithmicAxis(yLabel));
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    }

    /** Bars: category → value, one colour per series. */
    static void bars(Path file, String title, String yLabel, Map<String, Map<String, Double>> series) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((name, values) -> values.forEach((category, value) -> data.addValue(value, name, category)));
        JFreeChart chart = ChartFactory.createBarChart(title, "", yLabel, data, PlotOrientation.VERTICAL, true, false,
                false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    }
}
