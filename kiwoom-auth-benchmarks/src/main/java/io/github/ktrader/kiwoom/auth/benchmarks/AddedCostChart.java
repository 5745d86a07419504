package io.github.ktrader.kiwoom.auth.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Difference;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.InterceptorTax;
import io.github.ktrader.kiwoom.auth.benchmarks.WholeCallFigures.Row;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws what kiwoom-auth and Spring Security add to a fixed-header call, in time and in
 * allocation, against the answer's size: one line per client and way of reading, with the
 * error band as bars, on log scales (an added cost below zero is noise around a floor it
 * did not measurably exceed).
 */
final class AddedCostChart {

	private static final Color KIWOOM = new Color(0x1f, 0x5f, 0xbf);

	private static final Color SPRING = new Color(0x3a, 0x9a, 0x3a);

	private static final String ANY_INTERCEPTOR = "any interceptor (do-nothing, String)";

	private AddedCostChart() {
	}

	static void draw(List<Row> rows, List<InterceptorTax> taxes, String about, File file) throws IOException {
		LogarithmicAxis size = logAxis("answer size (bytes)");
		CombinedDomainXYPlot plot = new CombinedDomainXYPlot(size);
		plot.setGap(12);
		XYPlot time = subplot(rows, "added time per call (ns)", Row::kiwoomAddedTime, Row::springAddedTime, taxes,
				InterceptorTax::time);
		XYPlot bytes = subplot(rows, "added allocation per call (B)", Row::kiwoomAddedBytes, Row::springAddedBytes,
				taxes, InterceptorTax::bytes);
		ValueMarker target = new ValueMarker(WholeCallFigures.ADDED_BYTES_TARGET, Color.RED,
				new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] { 6f, 4f }, 0f));
		target.setLabel("target: kiwoom-auth adds ≤ 256 B");
		target.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		target.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
		target.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
		// Both subplots have the same series: one legend is enough.
		bytes.setFixedLegendItems(new LegendItemCollection());
		bytes.addRangeMarker(target);
		// A marker does not widen the axis: keep the target in view when every client is
		// far above it.
		ValueAxis bytesAxis = bytes.getRangeAxis();
		bytesAxis.configure();
		if (bytesAxis.getLowerBound() > WholeCallFigures.ADDED_BYTES_TARGET / 2) {
			bytesAxis.setLowerBound(WholeCallFigures.ADDED_BYTES_TARGET / 2);
		}
		plot.add(time, 1);
		plot.add(bytes, 1);
		JFreeChart chart = new JFreeChart("Whole Kiwoom call, in memory: cost added to a fixed-header RestClient",
				new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
		chart.addSubtitle(new TextTitle(about, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
		chart.setBackgroundPaint(Color.WHITE);
		ChartUtils.saveChartAsPNG(file, chart, 1100, 850);
	}

	private static XYPlot subplot(List<Row> rows, String label, Function<Row, Difference> kiwoom,
			Function<Row, Difference> spring, List<InterceptorTax> taxes, Function<InterceptorTax, Difference> tax) {
		Map<String, YIntervalSeries> series = new LinkedHashMap<>();
		for (Row row : rows) {
			add(series, "kiwoom-auth, " + row.read(), row.answerBytes(), kiwoom.apply(row));
			// Spring Security's record read is the same benchmark in both record rows.
			String springRead = row.read().startsWith("record") ? "record, retrieve().body" : row.read();
			add(series, "Spring Security, " + springRead, row.answerBytes(), spring.apply(row));
		}
		for (InterceptorTax each : taxes) {
			add(series, ANY_INTERCEPTOR, each.answerBytes(), tax.apply(each));
		}
		YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
		series.values().forEach(dataset::addSeries);
		XYErrorRenderer renderer = new XYErrorRenderer();
		renderer.setDefaultShapesVisible(true);
		renderer.setDefaultLinesVisible(true);
		for (int i = 0; i < dataset.getSeriesCount(); i++) {
			String key = dataset.getSeriesKey(i).toString();
			Color color = key.startsWith("kiwoom-auth") ? KIWOOM : key.equals(ANY_INTERCEPTOR) ? Color.GRAY : SPRING;
			renderer.setSeriesPaint(i, color);
			float[] dash = key.contains("String") ? null
					: key.contains("post") ? new float[] { 2f, 3f } : new float[] { 8f, 4f };
			renderer.setSeriesStroke(i,
					new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, dash, 0f));
		}
		renderer.setErrorPaint(Color.GRAY);
		XYPlot plot = new XYPlot(dataset, null, logAxis(label), renderer);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		return plot;
	}

	private static void add(Map<String, YIntervalSeries> series, String key, int x, Difference difference) {
		YIntervalSeries line = series.computeIfAbsent(key, YIntervalSeries::new);
		if (line.indexOf((double) x) < 0) {
			double error = Double.isNaN(difference.error()) ? 0 : difference.error();
			line.add(x, difference.value(), difference.value() - error, difference.value() + error);
		}
	}

	private static LogarithmicAxis logAxis(String label) {
		LogarithmicAxis axis = new LogarithmicAxis(label);
		axis.setAllowNegativesFlag(true);
		axis.setAutoRangeIncludesZero(false);
		return axis;
	}

}
