package org.paperscout;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.paperscout.catalog.Ingestor;
import org.paperscout.catalog.Readers;
import org.paperscout.club.ClubChannels;
import org.paperscout.club.ClubCommand;
import org.paperscout.club.ClubJob;
import org.paperscout.club.ClubStore;
import org.paperscout.club.ConsoleClubChannels;
import org.paperscout.commands.Command;
import org.paperscout.commands.Commands;
import org.paperscout.commands.HelpCommand;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.MessageAction;
import org.paperscout.find.PaperCommand;
import org.paperscout.commands.ResultPages;
import org.paperscout.find.SearchCommand;
import org.paperscout.find.SimilarCommand;
import org.paperscout.config.AppConfig;
import org.paperscout.config.Installation;
import org.paperscout.follows.FollowCommand;
import org.paperscout.follows.FollowingCommand;
import org.paperscout.follows.UnfollowCommand;
import org.paperscout.i18n.Messages;
import org.paperscout.library.ExportCommand;
import org.paperscout.library.LibraryCommand;
import org.paperscout.library.SaveCommand;
import org.paperscout.ops.Health;
import org.paperscout.ops.MetricsConfig;
import org.paperscout.privacy.ExportFolder;
import org.paperscout.privacy.ForgetMeCommand;
import org.paperscout.privacy.MyDataCommand;
import org.paperscout.config.Settings;
import org.paperscout.discord.DiscordBot;
import org.paperscout.discord.DiscordClubChannels;
import org.paperscout.discord.DiscordConfig;
import org.paperscout.discord.DiscordPublisher;
import org.paperscout.discord.GuildReconciler;
import org.paperscout.digest.AlertsCommand;
import org.paperscout.digest.ConsolePublisher;
import org.paperscout.digest.DigestCommand;
import org.paperscout.digest.DigestConfig;
import org.paperscout.digest.DigestContent;
import org.paperscout.digest.DigestJob;
import org.paperscout.digest.DigestOverview;
import org.paperscout.digest.DigestStore;
import org.paperscout.digest.NotifyCommand;
import org.paperscout.digest.Publisher;
import org.paperscout.digest.TrendingDigestContent;
import org.paperscout.recommend.EmergingTopics;
import org.paperscout.recommend.RecommendCommand;
import org.paperscout.recommend.RecommendConfig;
import org.paperscout.recommend.Recommender;
import org.paperscout.recommend.TopicSuggester;
import org.paperscout.pulse.PulseCommand;
import org.paperscout.pulse.PulseService;
import org.paperscout.recommend.TrendingCommand;
import org.paperscout.recommend.TrendingConfig;
import org.paperscout.recommend.TrendingPaper;
import org.paperscout.recommend.TrendingService;
import org.paperscout.recommend.TrendingWindow;
import org.paperscout.recommend.TuneCommand;
import org.paperscout.recommend.TuneStore;
import org.paperscout.search.ScoreFusion;
import org.paperscout.search.BackgroundEmbedder;
import org.paperscout.search.Embedder;
import org.paperscout.search.OnnxEmbedder;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.search.SemanticBackfill;
import org.paperscout.search.SemanticConfig;
import org.paperscout.search.SemanticProgress;
import org.paperscout.search.SemanticSearch;
import org.paperscout.sources.PaperFeed;
import org.paperscout.sources.SourcePoller;
import org.paperscout.sources.SourcesConfig;
import org.paperscout.sources.StatusCommand;
import org.paperscout.store.DataDirLock;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.EventStore;
import org.paperscout.store.FeedbackStore;
import org.paperscout.store.LeaderLock;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.privacy.PrivacyStore;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.retention.Retention;
import org.paperscout.retention.RetentionConfig;
import org.paperscout.retention.RetentionJob;
import org.paperscout.store.StoreLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: every long-lived collaborator is built here, once, in dependency order
 * (config -> front end -> database -> index -> services -> commands -> scheduler), and closed in reverse: the digest
 * job first, so no digest is half-sent while the bot or the database goes away. The front end is known before
 * anything that posts through it; the Discord bot logs in ({@link #startDiscord()}) only once the commands exist.
 */
public final class PaperScout implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(PaperScout.class);

    private final AppConfig config;
    private final DataDirLock dataDirLock;
    private final Database database;
    private final PaperIndex index;
    private final SearchService search;
    /** Null when semantic search is off. */
    private final BackgroundEmbedder embedder;
    private final SemanticBackfill semanticBackfill;
    private final Ingestor ingestor;
    private final Commands commands;
    private final ExportFolder exports;
    private final SourcePoller sources;
    /** Null on SQLite: one process, papers go straight into its index. */
    private final PaperFeed feed;
    private final RecentWindow recentWindow;
    private final DigestJob digestJob;
    private final RetentionJob retentionJob;
    private final ClubJob clubJob;
    /** Null unless the front end is Discord; started by {@link #startDiscord()}. */
    private final DiscordBot discordBot;
    /** What the bot tells about the servers it joins and leaves; null unless the front end is Discord. */
    private final GuildReconciler guilds;
    private final Operations operations;

    private PaperScout(Settings settings, Clock clock, FrontEnd frontEnd,
                       Function<SemanticConfig, ? extends Embedder> loadModel) throws IOException {
        // Config first: every bad value fails here, before anything is opened.
        this.config = AppConfig.from(settings);
        SearchConfig searchConfig = SearchConfig.from(settings);
        SemanticConfig semanticConfig = SemanticConfig.from(settings);
        DiscordConfig discordConfig = DiscordConfig.from(settings);
        SourcesConfig sourcesConfig = SourcesConfig.from(settings);
        TrendingConfig trendingConfig = TrendingConfig.from(settings);
        RecommendConfig recommendConfig = RecommendConfig.from(settings);
        DigestConfig digestConfig = DigestConfig.from(settings);
        if (frontEnd instanceof FrontEnd.Discord) {
            // Discord's global rate limit is per bot token: processes that split the shards split the digests'
            // send rate the same way, so together they stay under it (bench shards measures the sum).
            digestConfig = digestConfig.withShare(discordConfig.shards().part());
        }
        StoreLocation storeLocation = StoreLocation.from(settings);
        RetentionConfig retentionConfig = RetentionConfig.from(settings);
        this.operations = new Operations(MetricsConfig.from(settings), clock);

        // Front end: digests, alerts and the paper club post through it. The Discord bot is built here without
        // connecting; it logs in once the commands exist (startDiscord).
        Publisher publisher;
        ClubChannels clubChannels;
        if (frontEnd instanceof FrontEnd.Discord discord) {
            this.discordBot = new DiscordBot(discordConfig, discord.token(), config.dataDir());
            publisher = new DiscordPublisher(discordBot);
            clubChannels = new DiscordClubChannels(discordBot);
            operations.telemetry().gauge("paperscout.discord.gateway.ping.ms", "Average gateway heartbeat round trip",
                    discordBot::gatewayPing);
            operations.telemetry().gauge("paperscout.discord.shards", "Gateway shards this process runs",
                    discordBot::runningShards);
            operations.telemetry().gauge("paperscout.discord.shards.connected", "Shards of this process connected",
                    discordBot::connectedShards);
        } else if (frontEnd instanceof FrontEnd.Console console) {
            this.discordBot = null;
            publisher = new ConsolePublisher(console.printer(), config.consoleUser());
            clubChannels = new ConsoleClubChannels(console.printer());
        } else {
            this.discordBot = null;
            publisher = Publisher.none();
            clubChannels = ClubChannels.none();
        }

        Files.createDirectories(config.dataDir());
        // Store: lock the data folder before opening anything in it, so a second process stops here.
        this.dataDirLock = DataDirLock.acquire(config.dataDir());
        this.database = Database.open(storeLocation, config.dataDir(), StoreConfig.from(settings), clock);
        FollowStore follows = new FollowStore(database, clock);
        LibraryStore library = new LibraryStore(database, clock);
        FeedbackStore feedback = new FeedbackStore(database, clock);
        PrivacyStore privacy = new PrivacyStore(database);

        this.index = PaperIndex.open(config.indexDir());
        // Merged to one segment in the background after a bulk ingest or a large backfill: kNN walks one graph
        // per segment.
        index.compactWhenSettled();
        // Semantic search: one model, shared by the query side and the background backfill of paper vectors.
        // The model loads in the background: a start answers its first /search with BM25 meanwhile.
        // A model that fails to load turns semantic search off, as search.semantic=false does (see SearchService).
        this.embedder = semanticConfig.enabled() ? BackgroundEmbedder.start(() -> loadModel.apply(semanticConfig))
                : null;
        this.search = new SearchService(index, searchConfig, embedder == null ? null
                : new SemanticSearch(embedder, ScoreFusion.DEFAULT, semanticConfig.queryCacheSize()));
        if (!(frontEnd instanceof FrontEnd.None)) {
            warmUp(search, config.consoleLocale());
        }
        this.semanticBackfill = embedder == null ? null
                : new SemanticBackfill(index, embedder, semanticConfig.batchSize());
        // Live ingestion: polls only once startSources() is called (run/console), or on demand (ingest --from).
        // Several processes on one PostgreSQL store: one polls (elected by an advisory lock), and every one follows
        // the shared papers feed into its own index. A single SQLite process keeps the direct path, no feed rows.
        this.feed = storeLocation.isPostgres() ? new PaperFeed(database, index,
                LeaderLock.forStore(storeLocation, PaperFeed.LEADER_LOCK), config.dataDir(),
                sourcesConfig.followInterval(), clock) : null;
        // Files (ingest PATH, the seeds) take the same road as polled papers: on PostgreSQL a paper only in this
        // index would be missing from every other process's and from any index rebuilt from the feed.
        this.ingestor = new Ingestor(feed == null ? index : feed.fileSink(), new Readers()::forFile);
        this.sources = new SourcePoller(sourcesConfig, database, index, feed, clock);
        search.observe(operations.telemetry());
        operations.watch(index, search, sources, database, config.dataDir());
        // Recommendations and trending: the recent window is a small in-memory index rebuilt after index changes.
        this.recentWindow = new RecentWindow(search, recommendConfig.maxWindowPapers());
        TuneStore tunes = new TuneStore(database, clock);
        TrendingService trending = new TrendingService(search, new EngagementTotals(database), trendingConfig, clock);
        // New papers (ingested here or applied from the shared feed) change every window's newness part at once.
        index.onChange(trending::invalidate);
        SeenStore seen = new SeenStore(database, clock);
        Recommender recommender = new Recommender(search, recentWindow, follows, feedback, library,
                seen, tunes, trending, recommendConfig, clock);
        // Daily digests: built now, delivering once the front end can (startDigests).
        DigestStore digests = new DigestStore(database, clock, digestConfig.lease());
        digests.observe(operations.telemetry());
        // One emerging-topics finder (and its cache) for /trending show: topics and the weekly alerts.
        EmergingTopics emerging = new EmergingTopics(search, clock, recommendConfig.starterTtl());
        DigestContent digestContent = new TrendingDigestContent(trending, recommender, search, clock, emerging);
        this.digestJob = new DigestJob(digests, digestContent, seen, publisher, digestConfig, clock);
        // Bounded growth: old events folded into daily totals, old ledger/seen/feed rows deleted, once a day.
        this.retentionJob = new RetentionJob(new Retention(database, digests, retentionConfig, clock));

        ResultPages pages = new ResultPages();
        SimilarCommand similar = new SimilarCommand(search);
        List<Command> list = new ArrayList<>();
        list.add(new SearchCommand(search, pages, clock));
        list.add(new PaperCommand(search, new EventStore(database, clock)));
        list.add(similar);
        list.add(new StatusCommand(search::paperCount, sources::statuses, clock,
                List.of(inv -> feed == null ? null : feed.statusLine(),
                        inv -> semanticStatus(search, inv),
                        new DigestOverview(digests, clock)::describe,
                        inv -> discordBot == null ? null : discordBot.shardStatus())));
        // Store-backed commands (follows, library, feedback buttons, privacy).
        list.add(new FollowCommand(follows, search::checkQuery));
        list.add(new UnfollowCommand(follows));
        list.add(new FollowingCommand(follows));
        list.add(new SaveCommand(library, feedback, search::paper));
        list.add(new LibraryCommand(library));
        list.add(new ExportCommand(library));
        // The console writes attachments here; /forget-me deletes the user's files from it.
        this.exports = new ExportFolder(config.dataDir().resolve("exports"), clock);
        list.add(new ForgetMeCommand(privacy, exports, List.of(pages::forgetUser), clock));
        list.add(new MyDataCommand(privacy, clock));
        list.add(new RecommendCommand(recommender, trending, new TopicSuggester(search, recommendConfig, clock),
                follows, search, clock));
        list.add(new TrendingCommand(trending, search, clock, emerging));
        list.add(new PulseCommand(new PulseService(search, new EngagementTotals(database), clock), search));
        list.add(new TuneCommand(tunes, recommendConfig));
        list.add(new DigestCommand(digests, digestContent, publisher, search::checkQuery, digestConfig, clock));
        list.add(new NotifyCommand(digests, clock));
        list.add(new AlertsCommand(digests, publisher, clock));
        // Paper club: threads and polls go through the front end (Discord or the console).
        ClubStore clubStore = new ClubStore(database, clock);
        ClubCommand club = new ClubCommand(clubStore, clubChannels, search::paper,
                (inv, limit) -> library.page(inv.userId(), 0, limit).stream().map(s -> s.paper().id()).toList(),
                (inv, limit) -> trending.top(TrendingWindow.WEEK, null, limit).papers().stream()
                        .map(TrendingPaper::paperId).toList(),
                clock);
        list.add(club);
        this.clubJob = new ClubJob(clubStore, clubChannels, club, clock, digestConfig.tick());
        List<Command> all = list;
        list.add(new HelpCommand(() -> all.stream().map(Command::spec).toList(),
                Map.of("trending", trendingConfig::helpText, "pulse", HelpCommand.keyed(PulseCommand.HELP_KEY),
                        "search", HelpCommand.keyed(SearchCommand.OPERATORS_KEY))));
        List<MessageAction> messageActions = List.of(similar);
        this.commands = new Commands(list, messageActions, operations.telemetry());
        // Removed from a server: its digest configs and paper club rows go (on the event, and after a fresh session
        // for removals while offline). An unavailable server is still listed, so an outage keeps everything.
        this.guilds = discordBot == null ? null : new GuildReconciler() {
            @Override
            public void reconcile(Set<String> guildIds) {
                digests.retainGuilds(guildIds);
                clubStore.retainGuilds(guildIds);
            }

            @Override
            public void left(String guildId) {
                digests.removeGuild(guildId);
                clubStore.removeGuild(guildId);
            }
        };
    }

    /**
     * Beside the building of the remaining services (the second core is otherwise mostly idle then): one search for
     * nobody and one plural message, so the first user's /search does not load and initialise the search path, the
     * highlighter and ICU's message formatting itself. Start-up to the first answer on a 1,000,000-paper index spent
     * about a third of its time in that first query.
     */
    private static void warmUp(SearchService search, java.util.Locale locale) {
        Thread t = new Thread(() -> {
            search.warmUp();
            Messages.of(locale).get("search.footer", "page", 1, "pages", 2, "count", 10);
        }, "search-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    /** Builds everything from settings, with no front end (the one-off tools). Callers close it. */
    public static PaperScout open(Settings settings, Clock clock) throws IOException {
        return open(settings, clock, FrontEnd.none());
    }

    /** Builds everything from settings around {@code frontEnd}; connects to nothing yet. Callers close it. */
    public static PaperScout open(Settings settings, Clock clock, FrontEnd frontEnd) throws IOException {
        return open(settings, clock, frontEnd, semantic -> OnnxEmbedder.load(semantic.model(), semantic.window()));
    }

    /** As {@link #open(Settings, Clock, FrontEnd)} with another embedding model: tests load a fake, or fail to. */
    static PaperScout open(Settings settings, Clock clock, FrontEnd frontEnd,
                           Function<SemanticConfig, ? extends Embedder> loadModel) throws IOException {
        return new PaperScout(settings, clock, frontEnd, loadModel);
    }

    /**
     * The /status line of semantic search: its progress, or that it is off because the model failed to load;
     * nothing when it is configured off (a choice, not a fault).
     */
    private static String semanticStatus(SearchService search, Invocation inv) {
        return search.semanticFailure()
                .map(reason -> Messages.of(inv.locale()).get("status.semantic-off", "reason", reason))
                .orElseGet(() -> search.semanticProgress().map(SemanticProgress::statusLine).orElse(null));
    }

    /** On first start the index is empty: load the seeds so the bot has something to answer with. */
    public void seedIfEmpty(Ingestor.Progress progress) throws IOException {
        if (index.size() > 0) {
            return;
        }
        if (feed != null && feed.hasRows()) {
            // The shared feed is the corpus: it fills this index in the background once started, rather than as a
            // rebuild inside the seeding (minutes for a large feed) before the bot even connects.
            log.info("the index is empty; it is filled from the shared papers feed instead of the seeds");
            return;
        }
        if (config.seedsDir().isPresent()) {
            Ingestor.Summary summary = ingestor.ingest(List.of(config.seedsDir().get()), progress);
            log.info("Indexed the seeds in {}: {}", config.seedsDir().get(), summary);
            return;
        }
        try (Installation.BuiltInSeeds builtIn = Installation.openBuiltInSeeds()) {
            if (builtIn != null) {
                Ingestor.Summary summary = ingestor.ingest(List.of(builtIn.dir()), progress);
                log.info("Indexed the seeds built into the jar: {}", summary);
            }
        }
    }

    /**
     * One-off tools on a shared store ({@code search}): brings this index up to the shared papers feed first, which
     * the long-running modes do in the background. Nothing to do on SQLite.
     */
    public void catchUpWithFeed() throws IOException {
        if (feed != null) {
            feed.catchUp();
        }
    }

    // --- Discord front end ------------------------------------------------------------------------
    /**
     * Logs the Discord bot in and registers its commands; returns once it is online. {@link #close()} closes it
     * (answers in flight finish first), after the digests and before the database.
     *
     * @throws org.paperscout.discord.DiscordStartupException with one line when the token is missing or rejected,
     *                                                        or Discord cannot be reached
     * @throws IllegalStateException when this app was not opened with the Discord front end
     */
    public DiscordBot startDiscord() {
        if (discordBot == null) {
            throw new IllegalStateException("opened without the Discord front end");
        }
        discordBot.start(commands, guilds);
        return discordBot;
    }

    /**
     * Starts the digest job (it first settles what a previous process left pending). Call once the front end can
     * deliver: after {@link #startDiscord()}, or at once in the console.
     */
    public void startDigests() {
        digestJob.start();
        // Ended reading-group polls are announced by the same front end, so the club job starts with the digests.
        clubJob.start();
    }

    /** Stops the digest job, letting a send in progress finish; first on shutdown, before the bot and the database. */
    public void stopDigests() {
        clubJob.close();
        digestJob.close();
    }

    public AppConfig config() {
        return config;
    }

    public Commands commands() {
        return commands;
    }

    /** Where the console writes attachments, one file per user and request. */
    public ExportFolder exports() {
        return exports;
    }

    public SearchService search() {
        return search;
    }

    public Ingestor ingestor() {
        return ingestor;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public SourcePoller sources() {
        return sources;
    }

    /**
     * Starts polling arXiv and Hugging Face, and the daily retention run, in the background (the long-running modes
     * only).
     */
    public void startSources() {
        if (feed != null) {
            feed.start();
        }
        sources.start();
        retentionJob.start();
        // Papers get their vectors in the background while the bot runs; one-off tools (ingest) never wait for it.
        if (semanticBackfill != null) {
            semanticBackfill.start();
        }
    }

    public Database database() {
        return database;
    }

    /**
     * Serves metrics and health (when metrics.port is set), with the front end's own readiness check: the console
     * running, or every Discord shard connected.
     */
    public void startOperations(String frontEnd, Health.Probe ready) throws IOException {
        operations.start(frontEnd, ready);
    }

    @Override
    public void close() throws IOException {
        // Digests first: a send in progress completes its ledger row while the bot and the database are up.
        stopDigests();
        if (discordBot != null) {
            discordBot.close();
        }
        operations.close();
        retentionJob.close();
        sources.close();
        if (feed != null) {
            feed.close();
        }
        recentWindow.close();
        if (semanticBackfill != null) {
            semanticBackfill.close();
        }
        try {
            index.close();
            if (embedder != null) {
                embedder.close();
            }
        } finally {
            database.close();
            dataDirLock.close();
        }
    }
}
