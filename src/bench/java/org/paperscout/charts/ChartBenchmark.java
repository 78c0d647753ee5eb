package org.paperscout.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Render time of the charts, PNG encoding included: a busy week's /pulse (13 weekly bars of thousands of papers
 * and a busy engagement line), a five-year one (60 bars), the /trending score parts of five papers and the weekly
 * emerging alert's sparklines of five topics (5 weeks each). Writes
 * one of each to {@code target/charts/} for a look by eye.
 *
 * <p>Run: {@code bench charts}.
 */
public final class ChartBenchmark {

    public static void main(String[] args) throws IOException {
        new ChartBenchmark().renderTimes();
    }

    private static final int WARM_UP = 30;
    private static final int RUNS = 200;

    void renderTimes() throws IOException {
        Random random = new Random(14);
        List<PulseChart.Period> week = periods(random, 13, "12 Oct");
        List<PulseChart.Period> fiveYears = periods(random, 60, "2022");
        List<ScorePartsChart.Row> parts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            parts.add(new ScorePartsChart.Row(i + ". A fairly long paper title about diffusion models " + i,
                    random.nextInt(20), random.nextInt(10), random.nextInt(5), random.nextDouble() * 5, random.nextDouble()));
        }
        List<SparklineChart.Row> topics = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            List<Integer> weeks = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                weeks.add(random.nextInt(3));
            }
            weeks.add(8 + random.nextInt(40)); // the burst
            topics.add(new SparklineChart.Row("emerging phrase number " + i, weeks));
        }
        Path out = Path.of("target", "charts");
        Files.createDirectories(out);
        Files.write(out.resolve("pulse-3m.png"), PulseChart.render("diffusion models · the last 3 months", "week", week));
        Files.write(out.resolve("pulse-5y.png"), PulseChart.render("learning · the last 5 years", "month", fiveYears));
        Files.write(out.resolve("trending.png"), ScorePartsChart.render("Trending this week", parts));
        Files.write(out.resolve("emerging.png"), SparklineChart.render(topics));
        report("pulse, 3 months by week (busy)", () -> PulseChart.render("diffusion · the last 3 months", "week", week));
        report("pulse, 5 years by month", () -> PulseChart.render("learning · the last 5 years", "month", fiveYears));
        report("trending score parts, 5 papers", () -> ScorePartsChart.render("Trending this week", parts));
        report("emerging sparklines, 5 topics", () -> SparklineChart.render(topics));
    }

    private static List<PulseChart.Period> periods(Random random, int n, String label) {
        List<PulseChart.Period> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PulseChart.Period(i % 4 == 0 ? label : "", 2_000 + random.nextInt(3_000), random.nextInt(500)));
        }
        return out;
    }

    private static void report(String what, java.util.function.Supplier<byte[]> render) {
        for (int i = 0; i < WARM_UP; i++) {
            render.get();
        }
        long[] nanos = new long[RUNS];
        int bytes = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            bytes = render.get().length;
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%-34s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d bytes)%n", what,
                nanos[RUNS / 2] / 1e6, nanos[RUNS * 99 / 100] / 1e6, nanos[RUNS - 1] / 1e6, bytes);
    }
}
