package org.paperscout.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PulseChartTest {

    private static List<PulseChart.Period> periods(int[] papers, int[] engagement) {
        List<PulseChart.Period> out = new ArrayList<>();
        for (int i = 0; i < papers.length; i++) {
            out.add(new PulseChart.Period("w" + i, papers[i], engagement[i]));
        }
        return out;
    }

    @Test
    void aPngOfTheStatedSizeWithOneBarPerPeriodThatHasPapers() {
        int[] papers = {3, 0, 5, 1, 2, 0, 0, 4, 6, 1, 0, 2, 3};
        int[] engagement = {0, 1, 4, 0, 0, 2, 0, 0, 7, 1, 0, 0, 3};
        BufferedImage image = ChartPixels.decode(PulseChart.render("diffusion · the last 3 months", "week",
                periods(papers, engagement)));
        assertThat(image.getWidth()).isEqualTo(PulseChart.WIDTH).isGreaterThanOrEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(PulseChart.HEIGHT).isGreaterThanOrEqualTo(400);
        assertThat(ChartPixels.bars(image, Palette.BLUE)).isEqualTo(9);
        assertThat(ChartPixels.pixels(image, Palette.ORANGE)).as("the engagement line is drawn").isPositive();
    }

    @Test
    void anEmptyTopicDrawsAxesButNoBars() {
        BufferedImage image = ChartPixels.decode(PulseChart.render("nothing · the last year", "month",
                periods(new int[12], new int[12])));
        assertThat(image.getWidth()).isEqualTo(PulseChart.WIDTH);
        assertThat(ChartPixels.bars(image, Palette.BLUE)).isZero();
    }

    @Test
    void aHugeTopicOverFiveYearsStillShowsEveryMonthAsItsOwnBar() {
        int[] papers = new int[60];
        int[] engagement = new int[60];
        for (int i = 0; i < 60; i++) {
            papers[i] = 40_000 + 1_000 * (i % 7); // a broad word on a big index
            engagement[i] = 50_000 * (i % 3);
        }
        BufferedImage image = ChartPixels.decode(PulseChart.render("learning · the last 5 years", "month",
                periods(papers, engagement)));
        assertThat(image.getHeight()).isEqualTo(PulseChart.HEIGHT);
        assertThat(ChartPixels.bars(image, Palette.BLUE)).isEqualTo(60);
    }

    @Test
    void scorePartsChartDecodesAtItsSizeWithAStackPerPaperPart() {
        byte[] png = ScorePartsChart.render("Trending this week", List.of(
                new ScorePartsChart.Row("1. Alpha", 6, 4, 1, 2.3, 0.8),
                new ScorePartsChart.Row("2. Beta", 0, 0, 0, 4.6, 0.5),
                new ScorePartsChart.Row("3. Gamma", 3, 0, 0, 0, 0.9)));
        BufferedImage image = ChartPixels.decode(png);
        assertThat(image.getWidth()).isEqualTo(ScorePartsChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ScorePartsChart.HEIGHT);
        // Votes appear on Alpha and Gamma plus the legend swatch; horizontal bars, so count rows, not columns.
        assertThat(ChartPixels.pixels(image, Palette.GREEN)).as("upstream part drawn").isPositive();
        assertThat(ChartPixels.pixels(image, Palette.BLUE)).as("votes part drawn").isPositive();
    }
}
