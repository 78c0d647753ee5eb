package org.paperscout.charts;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Reads a chart back the way a person would: decodes the PNG and counts solid columns of a colour. */
public final class ChartPixels {

    private ChartPixels() {
    }

    public static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("not a decodable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs of adjacent x positions where some pixel has exactly {@code colour}: one per bar, since bars are
     * flat-painted with gaps between them, and nothing else in the chart uses that colour.
     */
    public static int bars(BufferedImage image, Color colour) {
        int wanted = colour.getRGB() | 0xFF000000;
        int runs = 0;
        boolean inRun = false;
        for (int x = 0; x < image.getWidth(); x++) {
            boolean hit = false;
            for (int y = 0; y < image.getHeight() && !hit; y++) {
                hit = (image.getRGB(x, y) | 0xFF000000) == wanted;
            }
            if (hit && !inRun) {
                runs++;
            }
            inRun = hit;
        }
        return runs;
    }

    /** How many pixels have exactly {@code colour}. */
    public static int pixels(BufferedImage image, Color colour) {
        int wanted = colour.getRGB() | 0xFF000000;
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) | 0xFF000000) == wanted) {
                    n++;
                }
            }
        }
        return n;
    }
}
