package org.paperscout.charts;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.title.TextTitle;

/** Shared look (large fonts for phones, the palette's card) and PNG encoding. */
final class ChartImages {

    static {
        // Charts render on servers without a display; AWT reads this once, before its first use.
        System.setProperty("java.awt.headless", "true");
    }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 26);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 16);

    private ChartImages() {
    }

    static void style(JFreeChart chart, String title) {
        chart.setTitle(new TextTitle(title, TITLE));
        chart.getTitle().setPaint(Palette.TEXT);
        chart.setBackgroundPaint(Palette.BACKGROUND);
        chart.getPlot().setBackgroundPaint(Palette.BACKGROUND);
        chart.getPlot().setOutlineVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
    }

    static void style(Axis axis) {
        axis.setLabelFont(LABEL);
        axis.setLabelPaint(Palette.TEXT);
        axis.setTickLabelFont(TICK);
        axis.setTickLabelPaint(Palette.TEXT);
        axis.setAxisLinePaint(Palette.TEXT);
        axis.setTickMarkPaint(Palette.TEXT);
    }

    static byte[] png(BufferedImage image) {
        try {
            return ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart", e); // a byte array cannot fail to write
        }
    }

    static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart", e); // a byte array cannot fail to write
        }
        return out.toByteArray();
    }
}
