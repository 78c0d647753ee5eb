package org.paperscout.charts;

import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A topic's pulse: papers per period as bars on the left axis, engagement here as a line on the right one.
 * Bars are flat {@link Palette#BLUE} with gaps between them, so each period with papers is one solid column of
 * that colour (the tests count them); the line is {@link Palette#ORANGE}, drawn over the bars.
 */
public final class PulseChart {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 500;

    /**
     * One bar.
     *
     * @param label shown under the bar; may repeat or be blank (a five-year chart labels only Januaries)
     */
    public record Period(String label, int papers, int engagement) {
    }

    /** Category keys are unique by position, and print only their label. */
    private record Slot(int index, String label) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private PulseChart() {
    }

    /** A PNG of {@link #WIDTH} x {@link #HEIGHT}. */
    public static byte[] render(String title, String periodWord, List<Period> periods) {
        DefaultCategoryDataset papers = new DefaultCategoryDataset();
        DefaultCategoryDataset engagement = new DefaultCategoryDataset();
        for (int i = 0; i < periods.size(); i++) {
            Period p = periods.get(i);
            Slot slot = new Slot(i, p.label());
            papers.addValue(p.papers(), "papers", slot);
            engagement.addValue(p.engagement(), "saves and votes here", slot);
        }
        CategoryAxis x = new CategoryAxis(null);
        ChartImages.style(x);
        x.setCategoryMargin(0.3);
        x.setLowerMargin(0.01);
        x.setUpperMargin(0.01);
        x.setMaximumCategoryLabelLines(1);
        x.setMaximumCategoryLabelWidthRatio(2.5f); // "12 Oct" is wider than a week's bar; let it overhang rather than become "..."
        if (periods.size() > 16) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis left = new NumberAxis("papers per " + periodWord);
        ChartImages.style(left);
        left.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        left.setLabelPaint(Palette.BLUE.darker());
        NumberAxis right = new NumberAxis("saves + votes here");
        ChartImages.style(right);
        right.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        right.setLabelPaint(Palette.VERMILLION);
        right.setAutoRangeMinimumSize(4); // an idle line sits low instead of filling a 0..1 axis

        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setSeriesPaint(0, Palette.BLUE);
        bars.setMinimumBarLength(0);
        LineAndShapeRenderer line = new LineAndShapeRenderer(true, periods.size() <= 16);
        line.setSeriesPaint(0, Palette.ORANGE);
        line.setSeriesStroke(0, new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));

        CategoryPlot plot = new CategoryPlot(papers, x, left, bars);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeAxis(1, right);
        plot.setDataset(1, engagement);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, line);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setRangeGridlinePaint(Palette.GRID);
        plot.setDomainGridlinesVisible(false);

        JFreeChart chart = new JFreeChart(plot);
        chart.removeLegend(); // the axis labels name the two series in their colours; a legend swatch would be a "bar"
        ChartImages.style(chart, title);
        return ChartImages.png(chart, WIDTH, HEIGHT);
    }
}
