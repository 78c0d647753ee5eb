package org.paperscout.charts;

import java.awt.Color;

/**
 * Okabe-Ito colours, which stay apart for the common colour-vision deficiencies, on an opaque light card:
 * Discord shows the PNG as it is on both its themes, so the chart brings its own background and dark text
 * rather than guessing which theme the reader uses.
 */
public final class Palette {

    public static final Color BLUE = new Color(0x0072B2);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color SKY = new Color(0x56B4E9);
    public static final Color GREEN = new Color(0x009E73);
    public static final Color VERMILLION = new Color(0xD55E00);
    public static final Color PURPLE = new Color(0xCC79A7);

    static final Color BACKGROUND = new Color(0xFAFAFA);
    static final Color TEXT = new Color(0x1A1A1A);
    static final Color GRID = new Color(0xD0D0D0);

    private Palette() {
    }
}
