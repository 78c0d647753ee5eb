package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.recommend.Fixture.paper;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.charts.ChartPixels;
import org.paperscout.charts.Palette;
import org.paperscout.charts.ScorePartsChart;
import org.paperscout.commands.Reply;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.TestClock;
import org.paperscout.store.Verdict;

class TrendingChartTest {

    @TempDir
    Path dir;

    private Fixture fixture(TestClock clock) throws Exception {
        LocalDate old = LocalDate.parse("2025-01-01");
        return Fixture.papers(dir, clock, List.of(
                paper("2501.00001", "Alpha paper on sparse attention", "Sparse attention for long documents.", old, 0),
                paper("2501.00002", "Beta paper on diffusion sampling", "Faster diffusion samplers.", old, 0),
                paper("2501.00003", "Gamma paper on retrieval", "Dense retrieval with hard negatives.", old, 100)));
    }

    @Test
    void chartTrueAddsAPngOfTheScorePartsBesideTheSameCards() throws Exception {
        try (Fixture f = fixture(TestClock.at("2026-03-04T12:00:00Z"))) {
            f.feedback.set("u1", "2501.00001", Verdict.UP);
            f.events.record("u2", "2501.00002", EngagementKind.SAVE);

            Reply plain = f.run("u1", "trending", Map.of());
            Reply charted = f.run("u1", "trending", Map.of("chart", true));

            assertThat(plain.attachment()).isNull();
            assertThat(Fixture.ids(charted)).isEqualTo(Fixture.ids(plain));
            assertThat(charted.attachment().fileName()).isEqualTo("trending.png");
            BufferedImage image = ChartPixels.decode(charted.attachment().content());
            assertThat(image.getWidth()).isEqualTo(ScorePartsChart.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ScorePartsChart.HEIGHT);
            // Colours are the parts: votes (blue), saves (orange), upstream (green) all present in bars and legend.
            int legendSwatch = ChartPixels.pixels(
                    ChartPixels.decode(ScorePartsChart.render("x", List.of())), Palette.BLUE);
            assertThat(ChartPixels.pixels(image, Palette.BLUE)).isGreaterThan(legendSwatch);
            assertThat(ChartPixels.pixels(image, Palette.ORANGE)).isGreaterThan(legendSwatch);
            assertThat(ChartPixels.pixels(image, Palette.GREEN)).isGreaterThan(legendSwatch);
        }
    }
}
