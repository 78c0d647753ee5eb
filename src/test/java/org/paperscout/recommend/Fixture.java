package org.paperscout.recommend;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.commands.Command;
import org.paperscout.commands.Commands;
import org.paperscout.commands.HelpCommand;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.find.SimilarCommand;
import org.paperscout.config.Settings;
import org.paperscout.follows.FollowCommand;
import org.paperscout.library.SaveCommand;
import org.paperscout.search.Embedder;
import org.paperscout.search.ScoreFusion;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.search.SeedIndex;
import org.paperscout.search.SemanticBackfill;
import org.paperscout.search.SemanticSearch;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.EventStore;
import org.paperscout.store.FeedbackStore;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/**
 * A real composition for recommend tests: a SQLite file and a Lucene index in a temp folder, every store, the
 * recommend services and the commands a user touches, wired as the composition root wires them.
 */
final class Fixture implements AutoCloseable {

    final TestClock clock;
    final Database db;
    final PaperIndex index;
    final SearchService search;
    final FollowStore follows;
    final FeedbackStore feedback;
    final LibraryStore library;
    final SeenStore seen;
    final EventStore events;
    final TuneStore tunes;
    final TrendingService trending;
    final RecentWindow window;
    final Recommender recommender;
    final Commands commands;

    private Fixture(Path dir, TestClock clock, PaperIndex index, Map<String, String> settings) {
        this(dir, clock, index, settings, null);
    }

    private Fixture(Path dir, TestClock clock, PaperIndex index, Map<String, String> settings,
                    SemanticSearch semantic) {
        this.clock = clock;
        this.index = index;
        Settings s = Settings.of(settings);
        this.db = Database.open(dir.resolve("data"), StoreConfig.defaults(), clock);
        this.search = semantic == null ? new SearchService(index, SearchConfig.defaults())
                : new SearchService(index, SearchConfig.defaults(), semantic);
        this.follows = new FollowStore(db, clock);
        this.feedback = new FeedbackStore(db, clock);
        this.library = new LibraryStore(db, clock);
        this.seen = new SeenStore(db, clock);
        this.events = new EventStore(db, clock);
        this.tunes = new TuneStore(db, clock);
        TrendingConfig trendingConfig = TrendingConfig.from(s);
        RecommendConfig recommendConfig = RecommendConfig.from(s);
        this.trending = new TrendingService(search, new EngagementTotals(db), trendingConfig, clock);
        this.window = new RecentWindow(search, recommendConfig.maxWindowPapers());
        this.recommender = new Recommender(search, window, follows, feedback, library, seen, tunes, trending, recommendConfig,
                clock);
        TopicSuggester topics = new TopicSuggester(search, recommendConfig, clock);
        List<Command> list = new ArrayList<>();
        list.add(new RecommendCommand(recommender, trending, topics, follows, search, clock));
        list.add(new TrendingCommand(trending, search, clock,
                new EmergingTopics(search, clock, recommendConfig.starterTtl())));
        list.add(new TuneCommand(tunes, recommendConfig));
        list.add(new SaveCommand(library, feedback, search::paper));
        list.add(new FollowCommand(follows, search::checkQuery));
        list.add(new SimilarCommand(search));
        List<Command> all = list;
        list.add(new HelpCommand(() -> all.stream().map(Command::spec).toList(),
                Map.of("trending", trendingConfig::helpText)));
        this.commands = new Commands(list, List.of());
    }

    /** Settings every test uses: no trending cache, so a click shows in the very next call. */
    static Map<String, String> noCache() {
        return Map.of("trending.cache-ttl", "0s");
    }

    static Fixture seeds(Path dir, TestClock clock) throws IOException {
        return new Fixture(dir, clock, SeedIndex.open(dir.resolve("index")), noCache());
    }

    /** The seeds, every paper embedded by {@code embedder}, with hybrid search and the meaning side of feedback. */
    static Fixture semanticSeeds(Path dir, TestClock clock, Embedder embedder) throws IOException {
        PaperIndex index = SeedIndex.open(dir.resolve("index"));
        SemanticBackfill.embedAll(index, embedder, 32);
        return new Fixture(dir, clock, index, noCache(), new SemanticSearch(embedder, ScoreFusion.DEFAULT, 100));
    }

    /** These papers, embedded by {@code embedder}, with hybrid search and the meaning side of feedback. */
    static Fixture semanticPapers(Path dir, TestClock clock, Embedder embedder, List<Paper> papers)
            throws IOException {
        PaperIndex index = PaperIndex.open(dir.resolve("index"));
        index.upsert(papers);
        SemanticBackfill.embedAll(index, embedder, 32);
        return new Fixture(dir, clock, index, noCache(), new SemanticSearch(embedder, ScoreFusion.DEFAULT, 100));
    }

    static Fixture papers(Path dir, TestClock clock, List<Paper> papers) throws IOException {
        PaperIndex index = PaperIndex.open(dir.resolve("index"));
        index.upsert(papers);
        return new Fixture(dir, clock, index, noCache());
    }

    static Paper paper(String id, String title, String abstractText, LocalDate published, int upvotes,
                       String... authors) {
        return new Paper(id, title, abstractText, List.of(authors), List.of("cs.LG"), published,
                PaperLinks.forArxivId(id), upvotes, "test");
    }

    Reply run(String user, String command, Map<String, Object> options) {
        return run(user, command, options, Locale.ENGLISH);
    }

    Reply run(String user, String command, Map<String, Object> options, Locale locale) {
        return commands.run(new Invocation(user, user, null, null, locale, command, null, options, false));
    }

    Reply recommend(String user) {
        return run(user, "recommend", Map.of());
    }

    Reply click(String user, String customId) {
        return commands.component(new Invocation(user, user, null, null, Locale.ENGLISH, "", null, Map.of(), false),
                customId);
    }

    static List<String> ids(Reply reply) {
        return reply.cards().stream().map(c -> c.paper().id()).toList();
    }

    static List<String> titles(Reply reply) {
        return reply.cards().stream().map(c -> c.paper().title()).toList();
    }

    static String button(PaperCard card, String label) {
        return card.actions().stream().filter(a -> a.label().equals(label)).findFirst().orElseThrow().customId();
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    @Override
    public void close() throws IOException {
        window.close();
        db.close();
        index.close();
    }
}
