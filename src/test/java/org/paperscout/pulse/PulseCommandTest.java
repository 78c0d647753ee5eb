package org.paperscout.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.charts.ChartPixels;
import org.paperscout.charts.Palette;
import org.paperscout.charts.PulseChart;
import org.paperscout.commands.Commands;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.EventStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/** /pulse over a real Lucene index and SQLite file whose papers per week are known. */
class PulseCommandTest {

    /** A Wednesday: the current week began on Monday 2026-03-02. */
    private static final String NOW = "2026-03-04T12:00:00Z";
    private static final LocalDate THIS_MONDAY = LocalDate.parse("2026-03-02");
    /** Diffusion papers per week, oldest of the 13 weeks first; weeks with 0 must show no bar. */
    private static final int[] PER_WEEK = {2, 0, 1, 3, 0, 0, 4, 1, 0, 2, 5, 0, 1};

    @TempDir
    Path dir;
    private TestClock clock;
    private PaperIndex index;
    private Database db;
    private EventStore events;
    private Commands commands;

    @BeforeEach
    void setUp() throws Exception {
        clock = TestClock.at(NOW);
        index = PaperIndex.open(dir.resolve("index"));
        List<Paper> papers = new ArrayList<>();
        int n = 0;
        for (int week = 0; week < PER_WEEK.length; week++) {
            LocalDate monday = THIS_MONDAY.minusWeeks(PER_WEEK.length - 1 - week);
            for (int i = 0; i < PER_WEEK[week]; i++) {
                // Spread over the week's days so bucketing by week, not by day, is what is tested.
                papers.add(paper(String.format("2601.%05d", ++n), "Diffusion sampler number " + n,
                        monday.plusDays(i % 7), n % 3 == 0 ? "Ada Lovelace" : "Grace Hopper", "Alan Turing"));
            }
        }
        papers.add(paper("2601.90001", "Diffusion before the window", THIS_MONDAY.minusYears(2), "Old Author"));
        papers.add(paper("2601.90002", "Graph neural networks for molecules", THIS_MONDAY, "Someone Else"));
        index.upsert(papers);
        db = Database.open(dir.resolve("data"), StoreConfig.defaults(), clock);
        events = new EventStore(db, clock);
        SearchService search = new SearchService(index, SearchConfig.defaults());
        commands = new Commands(List.of(new PulseCommand(new PulseService(search, new EngagementTotals(db), clock),
                search)), List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
        index.close();
    }

    private static Paper paper(String id, String title, LocalDate published, String... authors) {
        return new Paper(id, title, title + ". An abstract.", List.of(authors), List.of("cs.LG"), published,
                PaperLinks.forArxivId(id), 0, "test");
    }

    private Reply pulse(Map<String, Object> options) {
        return pulse(options, Locale.ENGLISH);
    }

    private Reply pulse(Map<String, Object> options, Locale locale) {
        return commands.run(new Invocation("u1", "u1", null, null, locale, "pulse", null, options, false));
    }

    @Test
    void inGermanTheTitleSummaryFooterAndRefusalsAreGermanAndTitlesAndNamesStay() {
        events.record("u1", "2601.00005", EngagementKind.SAVE);
        Reply reply = pulse(Map.of("topic", "diffusion"), Locale.GERMAN);
        assertThat(reply.title()).isEqualTo("Puls von „diffusion“ · die letzten 3 Monate");
        assertThat(reply.text()).startsWith("19 Paper, 1 Merker oder Stimme hier.\n\nHier am meisten beachtet:\n"
                + "1. Diffusion sampler number 5 (1)");
        assertThat(reply.text()).contains("Häufigste Autorinnen und Autoren: Alan Turing (19)");
        assertThat(reply.footer()).isEqualTo("Balken: Paper pro Woche. Linie: Merker und Stimmen hier.");
        assertThat(pulse(Map.of("topic", "quantum chromodynamics", "window", "1y"), Locale.GERMAN).text())
                .isEqualTo("Keine Paper zu „quantum chromodynamics“ im letzten Jahr. Versuch window: 5y oder weniger Wörter.");
        assertThat(pulse(Map.of("topic", "diffusion", "window", "2w"), Locale.GERMAN).text())
                .startsWith("window muss 3m, 1y oder 5y sein");
    }

    @Test
    void chartHasOneBarPerWeekWithPapersAndTheTextNamesTopPapersAndAuthors() {
        events.record("u1", "2601.00005", EngagementKind.SAVE);
        events.record("u2", "2601.00005", EngagementKind.VOTE);
        events.record("u1", "2601.00002", EngagementKind.VOTE);
        events.record("u3", "2601.90002", EngagementKind.SAVE); // off topic: not counted
        events.record("u1", "2601.00003", EngagementKind.CLICK); // a click is not a save or vote

        Reply reply = pulse(Map.of("topic", "diffusion"));

        assertThat(reply.attachment()).isNotNull();
        assertThat(reply.attachment().fileName()).isEqualTo("pulse.png");
        BufferedImage image = ChartPixels.decode(reply.attachment().content());
        assertThat(image.getWidth()).isEqualTo(PulseChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(PulseChart.HEIGHT);
        long weeksWithPapers = java.util.Arrays.stream(PER_WEEK).filter(c -> c > 0).count();
        assertThat(ChartPixels.bars(image, Palette.BLUE)).isEqualTo((int) weeksWithPapers);
        assertThat(reply.title()).isEqualTo("Pulse of “diffusion” · the last 3 months");
        assertThat(reply.text()).startsWith("19 papers, 3 saves and votes here.");
        assertThat(reply.text()).contains("1. Diffusion sampler number 5 (2)\n2. Diffusion sampler number 2 (1)");
        assertThat(reply.text()).contains("Most frequent authors: Alan Turing (19), Grace Hopper (13), Ada Lovelace (6)");
    }

    @Test
    void aTopicWithNoPapersAnswersInOneLine() {
        Reply reply = pulse(Map.of("topic", "quantum chromodynamics"));
        assertThat(reply.attachment()).isNull();
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.text()).isEqualTo(
                "No papers on “quantum chromodynamics” in the last 3 months. Try window: 5y, or fewer words.");
    }

    @Test
    void aBadWindowAnswersInOneLineWithAnExample() {
        Reply reply = pulse(Map.of("topic", "diffusion", "window", "2w"));
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.text()).isEqualTo("window must be 3m, 1y or 5y, e.g. /pulse topic: diffusion window: 1y")
                .doesNotContain("\n");
    }

    @Test
    void fiveYearsByMonthReachesTheOldPaper() {
        Map<String, Object> options = new HashMap<>(Map.of("topic", "diffusion", "window", "5y"));
        Reply reply = pulse(options);
        BufferedImage image = ChartPixels.decode(reply.attachment().content());
        // 19 papers over Dec..Mar and one two years back: months with papers, counted by hand from PER_WEEK.
        assertThat(reply.text()).startsWith("20 papers");
        assertThat(ChartPixels.bars(image, Palette.BLUE)).isEqualTo(monthsWithPapers() + 1);
    }

    @Test
    void theConsoleWritesThePngToExportsAndPrintsItsPath() throws Exception {
        org.paperscout.console.ConsoleFrontEnd console = new org.paperscout.console.ConsoleFrontEnd(commands,
                new org.paperscout.console.ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH),
                dir.resolve("exports"), false);
        String out = console.execute("/pulse topic: diffusion window: 1y");
        java.util.regex.Matcher saved = java.util.regex.Pattern.compile("Saved to (\\S+\\.png)").matcher(out);
        assertThat(saved.find()).as(out).isTrue();
        Path png = Path.of(saved.group(1));
        assertThat(png).startsWith(dir.resolve("exports"));
        assertThat(ChartPixels.decode(java.nio.file.Files.readAllBytes(png)).getWidth()).isEqualTo(PulseChart.WIDTH);
        assertThat(console.execute("/pulse topic: diffusion window: 10y"))
                .contains("window must be one of: 3m, 1y, 5y"); // the console checks fixed choices itself
    }

    /** Distinct months of the dated diffusion papers, as setUp spreads them. */
    private static int monthsWithPapers() {
        java.util.Set<java.time.YearMonth> months = new java.util.HashSet<>();
        for (int week = 0; week < PER_WEEK.length; week++) {
            LocalDate monday = THIS_MONDAY.minusWeeks(PER_WEEK.length - 1 - week);
            for (int i = 0; i < PER_WEEK[week]; i++) {
                months.add(java.time.YearMonth.from(monday.plusDays(i % 7)));
            }
        }
        return months.size();
    }
}
