package org.paperscout.charts;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

/** Horizontal stacked bars: what each top paper's trending score is made of, one colour per part. */
public final class ScorePartsChart {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 420;

    /** The parts of one paper's score; they add up to the score. */
    public record Row(String label, double votes, double saves, double opens, double upstream, double newness) {
    }

    private static final String[] PARTS = {"votes here", "saves here", "opens here", "upstream upvotes", "newness"};
    private static final Color[] COLOURS = {Palette.BLUE, Palette.ORANGE, Palette.PURPLE, Palette.GREEN, Palette.SKY};

    private ScorePartsChart() {
    }

    /** A PNG of {@link #WIDTH} x {@link #HEIGHT}. */
    public static byte[] render(String title, List<Row> rows) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Row r : rows) {
            double[] values = {r.votes(), r.saves(), r.opens(), r.upstream(), r.newness()};
            for (int i = 0; i < PARTS.length; i++) {
                data.addValue(values[i], PARTS[i], r.label());
            }
        }
        CategoryAxis y = new CategoryAxis(null);
        ChartImages.style(y);
        y.setMaximumCategoryLabelWidthRatio(0.35f);
        NumberAxis x = new NumberAxis("score");
        ChartImages.style(x);
        StackedBarRenderer bars = new StackedBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        for (int i = 0; i < COLOURS.length; i++) {
            bars.setSeriesPaint(i, COLOURS[i]);
        }
        CategoryPlot plot = new CategoryPlot(data, y, x, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeGridlinePaint(Palette.GRID);
        JFreeChart chart = new JFreeChart(plot);
        ChartImages.style(chart, title);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(ChartImages.TICK);
        legend.setItemPaint(Palette.TEXT);
        legend.setBackgroundPaint(Palette.BACKGROUND);
        legend.setPosition(RectangleEdge.BOTTOM);
        return ChartImages.png(chart, WIDTH, HEIGHT);
    }
}
