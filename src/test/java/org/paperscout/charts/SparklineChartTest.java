package org.paperscout.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emerging alert's sparklines, read back row by row: one blue bar per earlier week with papers, one orange. */
class SparklineChartTest {

    /** The band of row {@code i}, where its label and bars are drawn. */
    static BufferedImage row(BufferedImage image, int i) {
        return image.getSubimage(0, SparklineChart.MARGIN + i * SparklineChart.ROW_HEIGHT, image.getWidth(),
                SparklineChart.ROW_HEIGHT);
    }

    @Test
    void eachTopicIsARowWithABarPerWeekThatHadPapersAndTheCurrentWeekInOrange() {
        List<SparklineChart.Row> rows = List.of(
                new SparklineChart.Row("quantum dropout", List.of(1, 0, 2, 1, 12)),
                new SparklineChart.Row("sparse expert routing", List.of(0, 0, 0, 0, 8)),
                new SparklineChart.Row("state space models", List.of(3, 5, 4, 6, 30)));
        BufferedImage image = ChartPixels.decode(SparklineChart.render(rows));
        assertThat(image.getWidth()).isEqualTo(SparklineChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(SparklineChart.height(3));
        int[] earlierBars = {3, 0, 4};
        for (int i = 0; i < rows.size(); i++) {
            BufferedImage band = row(image, i);
            assertThat(ChartPixels.bars(band, Palette.BLUE)).as("earlier weeks with papers, row %d", i)
                    .isEqualTo(earlierBars[i]);
            assertThat(ChartPixels.bars(band, Palette.ORANGE)).as("this week, row %d", i).isEqualTo(1);
        }
    }

    @Test
    void theCurrentWeeksBarIsTheTallestWhenItIsTheBusiestWeek() {
        BufferedImage band = row(ChartPixels.decode(SparklineChart.render(List.of(
                new SparklineChart.Row("quantum dropout", List.of(1, 0, 2, 1, 12))))), 0);
        assertThat(columnHeight(band, Palette.ORANGE)).isGreaterThan(4 * columnHeight(band, Palette.BLUE));
    }

    @Test
    void aHugeTopicOverFifteenDaysKeepsEveryDayWithPapersVisibleEvenOneNextToThousands() {
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            counts.add(i % 5 == 0 ? 0 : i == 3 ? 1 : 200 + 10 * i);
        }
        counts.add(5_000);
        BufferedImage image = ChartPixels.decode(SparklineChart.render(List.of(
                new SparklineChart.Row("learning " + "with a very long phrase ".repeat(6), counts))));
        assertThat(image.getHeight()).isEqualTo(SparklineChart.height(1));
        assertThat(ChartPixels.bars(row(image, 0), Palette.BLUE)).isEqualTo(11);
        assertThat(ChartPixels.bars(row(image, 0), Palette.ORANGE)).isEqualTo(1);
    }

    @Test
    void noTopicsIsNoPicture() {
        assertThatThrownBy(() -> SparklineChart.render(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** The tallest run of {@code colour} in any column: a bar's height in pixels. */
    private static int columnHeight(BufferedImage image, java.awt.Color colour) {
        int wanted = colour.getRGB() | 0xFF000000;
        int best = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                n += (image.getRGB(x, y) | 0xFF000000) == wanted ? 1 : 0;
            }
            best = Math.max(best, n);
        }
        return best;
    }
}
