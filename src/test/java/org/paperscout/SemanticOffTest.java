package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Ingestor;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.config.Settings;
import org.paperscout.console.ConsoleFrontEnd;
import org.paperscout.console.ConsoleScreen;
import org.paperscout.privacy.ExportFolder;
import org.paperscout.search.FakeEmbedder;
import org.paperscout.search.SeedIndex;
import org.paperscout.search.SemanticBackfill;
import org.paperscout.store.TestClock;
import org.slf4j.LoggerFactory;

/**
 * Semantic search configured on, but its model never loads (no native runtime, a broken jar): every command that
 * ranks answers with words, /status says why, and the backfill gives up once. Real composition: seeds in a Lucene
 * index, a SQLite file, the console; only the model is a stand-in.
 */
class SemanticOffTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String LINK_ERROR = "no onnxruntime in java.library.path: /usr/java/packages/lib:/usr/lib64";
    private static final String REASON = "UnsatisfiedLinkError: " + LINK_ERROR;

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> backfillLog = new ListAppender<>();
    private final Logger backfillLogger = (Logger) LoggerFactory.getLogger(SemanticBackfill.class);

    @BeforeEach
    void captureBackfillLog() {
        backfillLog.start();
        backfillLogger.addAppender(backfillLog);
    }

    @AfterEach
    void releaseBackfillLog() {
        backfillLogger.detachAppender(backfillLog);
    }

    private Settings settings() {
        return settings(true);
    }

    private Settings settings(boolean semantic) {
        return Settings.of(Map.of("data.dir", dir.resolve("data").toString(),
                "seeds.dir", SeedIndex.seedsDir().toString(), "search.semantic", String.valueOf(semantic),
                "sources.arxiv.enabled", "false", "sources.hf.enabled", "false",
                "digest.tick", "1s", "console.user", "local", "trending.cache-ttl", "0s"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Invocation messageAction() {
        return new Invocation("local", "you", "console", "console", Locale.ENGLISH, "Find similar papers", null,
                Map.of(), true);
    }

    @Test
    void aModelThatFailsToLoadLeavesEveryCommandAnsweringWithWords() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        ConsoleScreen screen = new ConsoleScreen(false);
        List<String> printed = new CopyOnWriteArrayList<>();
        FrontEnd printing = FrontEnd.console((heading, digest) -> printed.add(screen.posted(heading, digest)));
        try (PaperScout app = PaperScout.open(settings(), clock, printing, semantic -> {
            loads.incrementAndGet();
            throw new UnsatisfiedLinkError(LINK_ERROR);
        })) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH),
                    new ExportFolder(dir.resolve("exports"), clock), screen);
            await("the failed load shows in /status", () -> app.search().semanticFailure().isPresent());

            // /status: the off line with the short reason, instead of a progress that would never move.
            String status = console.execute("/status");
            assertThat(status).contains("semantic index: off (the model failed to load: " + REASON + ")")
                    .doesNotContain("semantic index: 0 of");
            assertThat(app.search().semanticEnabled()).isFalse();

            // The backfill starts, sees the model is gone, says so once and ends: no retry every few seconds (the
            // line is still the only one at the end of this test; SemanticBackfillTest counts the model's calls).
            app.startSources();
            await("the backfill logged its stop", () -> !backfillLog.list.isEmpty());
            assertThat(backfillLog.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getFormattedMessage()).contains("Semantic backfill stopped").contains(REASON)
                        .contains("0 of 62 papers have a vector");
            });
            assertThat(loads).as("the model is not asked for again").hasValue(1);

            // /search: BM25 answers.
            String search = console.execute("/search goldfish memorization");
            assertThat(search).contains("Be like a Goldfish, Don't Memorize!").doesNotContain("Something went wrong");

            // /similar on a paper: more-like-this.
            String similar = console.execute("/similar Memorizing Transformers");
            assertThat(similar).contains("Similar to \"Memorizing Transformers\"").contains(" 1. ")
                    .doesNotContain("Something went wrong");

            // "Find similar papers" over a message's words: more-like-this on its key terms.
            Reply likeMessage = app.commands().messageAction(messageAction(), "Find similar papers",
                    "Has anyone read about language models memorizing their training data verbatim?");
            assertThat(likeMessage.title()).isEqualTo("Papers like this message");
            assertThat(likeMessage.cards()).isNotEmpty();

            // /recommend after a 👍 and a followed topic: words only, never "close in meaning".
            Matcher up = Pattern.compile(" 1\\. (.+)\\n(?s:.*?)\\[(\\d+)] 👍").matcher(search);
            assertThat(up.find()).as(search).isTrue();
            assertThat(console.execute(up.group(2))).contains("Noted 👍");
            assertThat(console.execute("/follow topic memorization")).contains("Following topic");
            String recommended = console.execute("/recommend");
            assertThat(recommended).contains("Recommended for you").contains(" 1. ").contains("↳ ")
                    .doesNotContain("close in meaning").doesNotContain("Something went wrong");

            // The console user's daily DM digest, ranked by the same recommender, composes and is printed.
            assertThat(console.execute("/notify daily time: 13:01 timezone: Europe/Berlin"))
                    .contains("Your daily papers will arrive by DM");
            assertThat(console.execute("/digest set channel: lab time: 13:01 timezone: Europe/Berlin"))
                    .contains("Daily digest set for #lab");
            app.startDigests();
            clock.advance(Duration.ofMinutes(2));
            await("both digests printed", () -> printed.stream().anyMatch(p -> p.contains("your DMs"))
                    && printed.stream().anyMatch(p -> p.contains("#lab")));
            String dm = printed.stream().filter(p -> p.contains("your DMs")).findFirst().orElseThrow();
            assertThat(dm).contains(" 1. ").doesNotContain("close in meaning");

            assertThat(backfillLog.list).as("still the one line").hasSize(1);
        }
    }

    @Test
    void vectorsLeftFromADayTheModelWorkedAreNotUsedOnceItFails() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        String liked;
        try (PaperScout app = PaperScout.open(settings(), clock, FrontEnd.none(), semantic -> new FakeEmbedder())) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);
            app.startSources();
            await("every seed embedded", () -> console.execute("/status").contains("semantic index: 62 of 62"));
            String search = console.execute("/search goldfish memorization");
            Matcher up = Pattern.compile(" 1\\. (.+)\\n(?s:.*?)\\[(\\d+)] 👍").matcher(search);
            assertThat(up.find()).as(search).isTrue();
            liked = up.group(1).strip();
            console.execute(up.group(2));
        }
        String similarWhenFailed;
        try (PaperScout app = PaperScout.open(settings(), clock, FrontEnd.none(), semantic -> {
            throw new IllegalStateException("model jar is corrupt");
        })) {
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);
            await("the failed load is known", () -> app.search().semanticFailure().isPresent());
            assertThat(console.execute("/status")).contains("semantic index: off (the model failed to load: "
                    + "IllegalStateException: model jar is corrupt)");
            assertThat(console.execute("/recommend again")).contains("Recommended for you").contains(" 1. ")
                    .doesNotContain("close in meaning");
            similarWhenFailed = console.execute("/similar " + liked);
            assertThat(similarWhenFailed).contains(" 1. ");
        }
        // The index still holds every vector, yet /similar ranks exactly as with semantic search configured off.
        try (PaperScout app = PaperScout.open(settings(false), clock, FrontEnd.none(), semantic -> {
            throw new AssertionError("search.semantic=false loads no model");
        })) {
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);
            assertThat(console.execute("/similar " + liked)).isEqualTo(similarWhenFailed);
        }
    }

    @Test
    void aModelThatLoadsLateIsUsedOnceItIsThere() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeEmbedder fake = new FakeEmbedder();
        try (PaperScout app = PaperScout.open(settings(), Clock.systemUTC(), FrontEnd.none(), semantic -> {
            try {
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fake;
        })) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);
            app.startSources();

            // While it loads: words answer, and nothing says semantic search is off.
            assertThat(console.execute("/search goldfish memorization")).contains("Be like a Goldfish");
            assertThat(console.execute("/status")).contains("semantic index: 0 of 62").doesNotContain("semantic index: off");
            assertThat(fake.embeddedCount()).isZero();

            release.countDown();
            await("every seed embedded", () -> console.execute("/status").contains("semantic index: 62 of 62"));
            assertThat(app.search().semanticEnabled()).isTrue();
            int before = fake.embeddedCount();
            assertThat(console.execute("/search copyright verbatim")).contains(" 1. ");
            assertThat(fake.embeddedCount()).as("the query is embedded now").isGreaterThan(before);
            Reply likeMessage = app.commands().messageAction(messageAction(), "Find similar papers",
                    "Has anyone read about language models memorizing their training data verbatim?");
            assertThat(likeMessage.cards()).isNotEmpty();
            assertThat(fake.embeddedCount()).as("the message is embedded").isGreaterThan(before + 1);
            assertThat(backfillLog.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        }
    }
}
