package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.catalog.PaperSink.UpsertResult;
import org.paperscout.search.PaperIndex;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.LeaderLock;
import org.paperscout.store.StoreTestSupport;
import org.paperscout.store.TestClock;

/**
 * The shared papers feed on both engines: what the leader publishes reaches a follower's index in order, a
 * follower resumes where it stopped, and an emptied index is rebuilt from the whole feed.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class PaperFeedTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-12-05T10:00:00Z");

    private static final Paper GOLDFISH = StoreTestSupport.paper("2406.10209", "Be like a Goldfish");
    private static final Paper MEMORIZING = StoreTestSupport.paper("2203.08913", "Memorizing Transformers");

    /** Hugging Face's record of a paper: the text it has, the upvotes arXiv lacks. */
    private static Paper hfRecord(Paper p, int upvotes) {
        return new Paper(p.id(), p.title(), p.abstractText(), List.of("Someone Else"), List.of(), null,
                PaperLinks.forArxivId(p.id()), upvotes, "hf");
    }

    private PaperFeed feed(Database db, PaperIndex index, Path data) {
        return new PaperFeed(db, index, LeaderLock.always(), data, Duration.ofSeconds(5), clock);
    }

    @Test
    void aFollowerAppliesTheLeadersRowsInOrderSoTheLatestVersionOfAPaperWins() throws IOException {
        try (Database db = engine.open(dir, clock);
             PaperIndex leaderIndex = PaperIndex.open(dir.resolve("a/index"));
             PaperIndex followerIndex = PaperIndex.open(dir.resolve("b/index"))) {
            PaperFeed leader = feed(db, leaderIndex, dir.resolve("a"));
            PaperFeed follower = feed(db, followerIndex, dir.resolve("b"));

            assertThat(leader.publish(List.of(GOLDFISH, MEMORIZING), MergingSink::merge))
                    .isEqualTo(new UpsertResult(2, 0, 0));
            assertThat(leader.publish(List.of(hfRecord(GOLDFISH, 41)), MergingSink::merge))
                    .isEqualTo(new UpsertResult(0, 1, 0));
            assertThat(leader.publish(List.of(hfRecord(GOLDFISH, 42)), MergingSink::merge))
                    .isEqualTo(new UpsertResult(0, 1, 0));

            assertThat(follower.catchUp()).as("one batch of four rows, of two papers; a paper's last row wins")
                    .isEqualTo(new UpsertResult(2, 0, 0));
            Paper applied = followerIndex.get(GOLDFISH.id()).orElseThrow();
            assertThat(applied.upvotes()).isEqualTo(42);
            assertThat(applied.categories()).as("kept from the arXiv record by the leader's merge")
                    .isEqualTo(GOLDFISH.categories());
            assertThat(applied).isEqualTo(leaderIndex.get(GOLDFISH.id()).orElseThrow());
            assertThat(followerIndex.get(MEMORIZING.id())).contains(leaderIndex.get(MEMORIZING.id()).orElseThrow());
            assertThat(follower.position()).isEqualTo(leader.position()).isPositive();
        }
    }

    @Test
    void papersTheIndexAlreadyHasAsTheyAreAddNoRow() throws IOException {
        try (Database db = engine.open(dir, clock); PaperIndex index = PaperIndex.open(dir.resolve("a/index"))) {
            PaperFeed leader = feed(db, index, dir.resolve("a"));
            leader.publish(List.of(GOLDFISH, hfRecord(MEMORIZING, 3)), MergingSink::merge);
            long position = leader.position();

            assertThat(leader.publish(List.of(GOLDFISH, hfRecord(MEMORIZING, 3)), MergingSink::merge))
                    .isEqualTo(new UpsertResult(0, 0, 2));
            assertThat(new PaperFeedStore(db).last()).isEqualTo(position);
        }
    }

    @Test
    void aFileReplacesThePaperWholeAndItsTitleOnlyCopyOfAnIndexedPaperAddsNoRow() throws IOException {
        try (Database db = engine.open(dir, clock); PaperIndex index = PaperIndex.open(dir.resolve("a/index"))) {
            PaperFeed feed = feed(db, index, dir.resolve("a"));
            feed.publish(List.of(hfRecord(GOLDFISH, 7)), MergingSink::merge);
            long position = feed.position();
            Paper titleOnly = new Paper(PaperIds.forTitle(GOLDFISH.title()), GOLDFISH.title(),
                    GOLDFISH.abstractText(), List.of(), List.of(), null, null, 0, "seed");

            assertThat(feed.fileSink().upsert(List.of(titleOnly))).isEqualTo(new UpsertResult(0, 0, 1));
            assertThat(new PaperFeedStore(db).last()).as("no row for the title-only copy").isEqualTo(position);
            assertThat(feed.fileSink().upsert(List.of(MEMORIZING, GOLDFISH))).isEqualTo(new UpsertResult(1, 1, 0));
            assertThat(index.get(GOLDFISH.id()).orElseThrow()).as("a file's record wins whole, upvotes included")
                    .isEqualTo(GOLDFISH);
        }
    }

    @Test
    void aRestartedFollowerResumesFromItsPositionWithoutReplayingOldRows() throws IOException {
        try (Database db = engine.open(dir, clock); PaperIndex leaderIndex = PaperIndex.open(dir.resolve("a/index"))) {
            PaperFeed leader = feed(db, leaderIndex, dir.resolve("a"));
            leader.publish(List.of(GOLDFISH, MEMORIZING), MergingSink::merge);
            try (PaperIndex followerIndex = PaperIndex.open(dir.resolve("b/index"))) {
                assertThat(feed(db, followerIndex, dir.resolve("b")).catchUp()).isEqualTo(new UpsertResult(2, 0, 0));
            }
            Paper later = StoreTestSupport.paper("2501.00001", "Goldfish loss at scale");
            leader.publish(List.of(later), MergingSink::merge);

            try (PaperIndex followerIndex = PaperIndex.open(dir.resolve("b/index"))) {
                PaperFeed restarted = feed(db, followerIndex, dir.resolve("b"));
                assertThat(restarted.position()).isEqualTo(leader.position() - 1);
                assertThat(restarted.catchUp()).as("only the new row; old rows would count as unchanged")
                        .isEqualTo(new UpsertResult(1, 0, 0));
                assertThat(followerIndex.size()).isEqualTo(3);
            }
        }
    }

    @Test
    void anEmptiedIndexFolderIsRebuiltFromTheWholeFeed() throws IOException {
        try (Database db = engine.open(dir, clock); PaperIndex leaderIndex = PaperIndex.open(dir.resolve("a/index"))) {
            PaperFeed leader = feed(db, leaderIndex, dir.resolve("a"));
            leader.publish(List.of(GOLDFISH, MEMORIZING), MergingSink::merge);
            leader.publish(List.of(hfRecord(GOLDFISH, 9)), MergingSink::merge);
            try (PaperIndex followerIndex = PaperIndex.open(dir.resolve("b/index"))) {
                feed(db, followerIndex, dir.resolve("b")).catchUp();
            }
            deleteTree(dir.resolve("b/index"));
            assertThat(dir.resolve("b").resolve(PaperFeed.POSITION_FILE)).as("the old position is still there")
                    .exists();

            try (PaperIndex emptied = PaperIndex.open(dir.resolve("b/index"))) {
                PaperFeed rebuilt = feed(db, emptied, dir.resolve("b"));
                assertThat(rebuilt.position()).isZero();
                assertThat(rebuilt.catchUp()).isEqualTo(new UpsertResult(2, 0, 0));
                assertThat(emptied.get(GOLDFISH.id()).orElseThrow().upvotes()).isEqualTo(9);
                assertThat(rebuilt.position()).isEqualTo(leader.position());
            }
        }
    }

    @Test
    void aRowThatIsNotAPaperIsSkippedAndTheRowsAfterItStillApply() throws IOException {
        try (Database db = engine.open(dir, clock); PaperIndex index = PaperIndex.open(dir.resolve("b/index"))) {
            db.write(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO papers (paper_id, paper, created_at) VALUES ('x', '{\"title\": \"no abstract\"}', 0)")) {
                    return p.executeUpdate();
                }
            });
            PaperFeed follower = feed(db, index, dir.resolve("b"));
            new PaperFeedStore(db).append(List.of(MEMORIZING), clock.instant());

            assertThat(follower.catchUp()).isEqualTo(new UpsertResult(1, 0, 0));
            assertThat(index.size()).isEqualTo(1);
            assertThat(follower.position()).isEqualTo(new PaperFeedStore(db).last());
        }
    }

    @Test
    void aPaperSurvivesTheRoundTripThroughItsJsonLinesRow() throws IOException {
        Paper full = new Paper("2406.10209", "Be like a Goldfish, Don't Memorize!", "Large language models \"can\" "
                + "memorize — ünïcode too.", List.of("Abhimanyu Hans", "Yuxin Wen"), List.of("cs.CL", "cs.LG"),
                LocalDate.of(2024, 6, 14), new PaperLinks("https://arxiv.org/abs/2406.10209",
                "https://arxiv.org/pdf/2406.10209", "https://huggingface.co/papers/2406.10209"), 12, "arxiv");
        assertThat(org.paperscout.catalog.PaperJsonLine.read(org.paperscout.catalog.PaperJsonLine.write(full)))
                .isEqualTo(full);
    }

    @Test
    void statusSaysWhetherThisProcessPollsOrFollowsAndHowFarItsIndexIs() throws IOException {
        LeaderLock someoneElse = new LeaderLock() {
            @Override
            public boolean tryLead() {
                return false;
            }

            @Override
            public boolean leading() {
                return false;
            }

            @Override
            public void close() {
            }
        };
        try (Database db = engine.open(dir, clock);
             PaperIndex leaderIndex = PaperIndex.open(dir.resolve("a/index"));
             PaperIndex followerIndex = PaperIndex.open(dir.resolve("b/index"))) {
            PaperFeed leader = feed(db, leaderIndex, dir.resolve("a"));
            PaperFeed follower = new PaperFeed(db, followerIndex, someoneElse, dir.resolve("b"), Duration.ofSeconds(5),
                    clock);
            leader.publish(List.of(GOLDFISH, MEMORIZING), MergingSink::merge);
            long last = leader.position();

            assertThat(leader.statusLine()).isEqualTo("Sources: this process polls them (leader); shared papers "
                    + "feed up to #" + last + ", this index up to #" + last);
            assertThat(follower.statusLine()).isEqualTo("Sources: another process polls them; this one follows; "
                    + "shared papers feed up to #" + last + ", this index up to #0");
        }
    }

    /** A paper that changes in its round trip would be appended again by every poll that sees it. */
    @Test
    void everyPaperOfTheSourceFixturesAndSeedsSurvivesTheRoundTrip() throws Exception {
        org.paperscout.catalog.Readers readers = new org.paperscout.catalog.Readers();
        List<Path> files = new java.util.ArrayList<>();
        for (String folder : List.of("src/test/resources/sources/arxiv", "src/test/resources/sources/hf", "seeds")) {
            try (Stream<Path> listed = Files.list(Path.of(folder))) {
                listed.filter(f -> f.toString().matches(".*\\.(xml|json|txt|jsonl)$")).forEach(files::add);
            }
        }
        List<Paper> papers = new java.util.ArrayList<>();
        for (Path f : files) {
            try {
                papers.addAll(readers.read(f).papers());
            } catch (org.paperscout.catalog.UnreadableInputException notAPaperFile) {
                // a fixture that is not a paper file at all
            }
        }
        assertThat(papers).hasSizeGreaterThan(20);
        assertThat(papers).allSatisfy(p -> assertThat(
                org.paperscout.catalog.PaperJsonLine.read(org.paperscout.catalog.PaperJsonLine.write(p))).isEqualTo(p));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
