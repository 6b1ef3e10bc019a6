package dev.moat.ui.usage;

import dev.moat.usage.UsageRepository.UsageBucket;
import dev.moat.usage.UsageTimeline;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.Date;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Requests (answered and refused, stacked bars, left axis) and tokens (line, right axis) over time, drawn on the
 * server as an SVG element that scales to its container. Times are in UTC, as everywhere in the console.
 */
final class UsageChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 320;
    private static final Color ANSWERED = new Color(0x1676F3);
    private static final Color REFUSED = new Color(0xE5484D);
    private static final Color TOKENS = new Color(0x8E4EC6);
    private static final Color GRID = new Color(0xE3E6EA);
    private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private UsageChart() {
    }

    static String svg(UsageTimeline timeline) {
        TimeTableXYDataset requests = new TimeTableXYDataset(TimeZone.getTimeZone("UTC"));
        XYSeries tokens = new XYSeries("Tokens (prompt + completion)");
        long stepMillis = timeline.step().toMillis();
        for (UsageBucket bucket : timeline.buckets()) {
            long start = bucket.start().toEpochMilli();
            SimpleTimePeriod period = new SimpleTimePeriod(new Date(start), new Date(start + stepMillis - 1));
            requests.add(period, bucket.requests() - bucket.refused(), "Requests answered", false);
            requests.add(period, bucket.refused(), "Requests refused", false);
            tokens.add(start + stepMillis / 2, bucket.promptTokens() + bucket.completionTokens());
        }

        DateAxis time = new DateAxis();
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        NumberAxis requestAxis = countAxis("Requests");
        NumberAxis tokenAxis = countAxis("Tokens");

        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.15);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ANSWERED);
        bars.setSeriesPaint(1, REFUSED);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, TOKENS);
        line.setSeriesStroke(0, new BasicStroke(2f));

        XYPlot plot = new XYPlot(requests, time, requestAxis, bars);
        plot.setRangeAxis(1, tokenAxis);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setRenderer(1, line); // before its dataset, or the plot draws the line with the stacked-bar renderer
        plot.setDataset(1, new XYSeriesCollection(tokens));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        time.setTickLabelFont(LABELS);

        JFreeChart chart = new JFreeChart(null, LABELS, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setItemFont(LABELS);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);

        SVGGraphics2D canvas = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(canvas, new Rectangle(0, 0, WIDTH, HEIGHT));
        return canvas.getSVGElement("usage-chart-svg", false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
    }

    private static NumberAxis countAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setAutoRangeMinimumSize(1);
        axis.setLabelFont(LABELS);
        axis.setTickLabelFont(LABELS);
        return axis;
    }
}
