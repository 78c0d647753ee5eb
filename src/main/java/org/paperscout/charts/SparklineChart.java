package org.paperscout.charts;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The weekly emerging-topics alert's picture: one row per topic, its phrase on the left and its papers per week as
 * small bars on the right, oldest first. Earlier weeks are flat {@link Palette#BLUE}, the current week
 * {@link Palette#ORANGE} (the tests count both per row), each bar with its count above it, so the jump reads without
 * an axis. Each row is scaled to its own busiest week: a topic of 8 papers shows its jump as clearly as one of 80.
 */
public final class SparklineChart {

    public static final int WIDTH = 800;
    /** Height of one topic's row; the image is {@link #height(int)} tall. */
    public static final int ROW_HEIGHT = 80;
    /** Blank band above the first row and below the last. */
    public static final int MARGIN = 10;
    static final int LABEL_WIDTH = 360;

    /** One topic: how the papers write it, and its papers per week, oldest first, the current week last. */
    public record Row(String label, List<Integer> counts) {
        public Row {
            counts = List.copyOf(counts);
            if (counts.isEmpty()) {
                throw new IllegalArgumentException("a sparkline needs at least one week");
            }
        }
    }

    private SparklineChart() {
    }

    public static int height(int rows) {
        return 2 * MARGIN + rows * ROW_HEIGHT;
    }

    /** A PNG of {@link #WIDTH} x {@link #height(int)}; row {@code i} spans {@code MARGIN + i * ROW_HEIGHT} on. */
    public static byte[] render(List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: the alert posts no picture without topics");
        }
        Font label = ChartImages.LABEL; // first use of ChartImages: sets headless before AWT starts
        BufferedImage image = new BufferedImage(WIDTH, height(rows.size()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(Palette.BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setFont(label);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < rows.size(); i++) {
                int top = MARGIN + i * ROW_HEIGHT;
                if (i > 0) {
                    g.setPaint(Palette.GRID);
                    g.setStroke(new BasicStroke(1f));
                    g.drawLine(MARGIN, top, WIDTH - MARGIN, top);
                }
                g.setPaint(Palette.TEXT);
                g.setFont(label);
                String text = fit((i + 1) + ". " + rows.get(i).label(), fm, LABEL_WIDTH - 2 * MARGIN);
                g.drawString(text, MARGIN, top + (ROW_HEIGHT + fm.getAscent() - fm.getDescent()) / 2);
                bars(rows.get(i).counts()).draw(g, new Rectangle2D.Double(LABEL_WIDTH, top + 4,
                        WIDTH - LABEL_WIDTH - MARGIN, ROW_HEIGHT - 8));
            }
        } finally {
            g.dispose();
        }
        return ChartImages.png(image);
    }

    private static JFreeChart bars(List<Integer> counts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < counts.size(); i++) {
            // No bar and no label for an empty week; the minimum length below would otherwise draw one.
            data.addValue(counts.get(i) == 0 ? null : counts.get(i), "papers", Integer.valueOf(i));
        }
        int last = counts.size() - 1;
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return column == last ? Palette.ORANGE : Palette.BLUE;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setMinimumBarLength(3); // one paper next to a week of hundreds still shows
        renderer.setMaximumBarWidth(0.12); // a few weeks stay thin bars rather than blocks
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartImages.TICK);
        renderer.setDefaultItemLabelPaint(Palette.TEXT);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                TextAnchor.BOTTOM_CENTER));
        CategoryAxis x = new CategoryAxis(null);
        x.setVisible(false);
        x.setCategoryMargin(0.3);
        x.setLowerMargin(0.02);
        x.setUpperMargin(0.02);
        NumberAxis y = new NumberAxis(null);
        y.setVisible(false);
        y.setUpperMargin(0.45); // room for the count above the tallest bar
        y.setAutoRangeMinimumSize(1); // a row of zeros still has a scale
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeGridlinesVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setBackgroundPaint(Palette.BACKGROUND);
        plot.setInsets(RectangleInsets.ZERO_INSETS);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(null, null, plot, false);
        chart.setBackgroundPaint(Palette.BACKGROUND);
        chart.setPadding(RectangleInsets.ZERO_INSETS);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }

    /** The text cut with an ellipsis to fit {@code width} pixels. */
    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && fm.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }
}
