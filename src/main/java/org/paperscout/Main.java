package org.paperscout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.lucene.store.LockObtainFailedException;
import org.paperscout.catalog.Ingestor;
import org.paperscout.catalog.UnreadableInputException;
import org.paperscout.config.AppConfig;
import org.paperscout.config.ConfigException;
import org.paperscout.config.Settings;
import org.paperscout.console.ConsoleFrontEnd;
import org.paperscout.console.ConsoleScreen;
import org.paperscout.discord.DiscordBot;
import org.paperscout.discord.DiscordStartupException;
import org.paperscout.search.SearchRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line: parses arguments, opens {@link PaperScout}, and turns failures into one clear line. */
@Command(name = "paperscout", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A Discord bot that helps research groups keep up with papers.",
        subcommands = {Main.Run.class, Main.Console.class, Main.Ingest.class, Main.Search.class,
                Main.Backup.class, Main.Restore.class, Main.MigrateStore.class, Main.Eval.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILURE = 1;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: "
            + "config/paperscout.properties in the working folder or beside the jar, else the built-in defaults).")
    Path configFile;

    public static void main(String[] args) {
        Integer relaunched = ClassArchive.relaunch(args, System.getenv());
        if (relaunched != null) {
            System.exit(relaunched);
        }
        ClassArchive.followParent();
        System.exit(execute(args, System.in, System.out, System.err, System.getenv()));
    }

    /** Runs the CLI; returns the exit code (tests call this rather than main). */
    static int execute(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        Context ctx = new Context(in, out, err, env);
        cl.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof Sub s) {
                s.context = ctx;
            }
        });
        cl.getSubcommands().get("search").setUnmatchedOptionsArePositionalParams(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println(oneLine(e));
            return e instanceof ConfigException ? EXIT_USAGE : EXIT_FAILURE;
        });
        return cl.execute(withDefaultCommand(args, cl));
    }

    /** {@code run} is the default: a bare invocation, or one with only global options, starts the bot. */
    static String[] withDefaultCommand(String[] args, CommandLine cl) {
        for (String a : args) {
            if (cl.getSubcommands().containsKey(a) || a.equals("-h") || a.equals("--help") || a.equals("-V")
                    || a.equals("--version")) {
                return args;
            }
        }
        String[] withRun = java.util.Arrays.copyOf(args, args.length + 1);
        withRun[args.length] = "run";
        return withRun;
    }

    /** Never reached: {@link #withDefaultCommand} always names a sub-command. */
    @Override
    public Integer call() {
        return EXIT_USAGE;
    }

    static String oneLine(Exception e) {
        if (e instanceof ConfigException) {
            return "Configuration error: " + e.getMessage();
        }
        if (e instanceof LockObtainFailedException) {
            return "The data folder is in use by another PaperScout process; stop it first or set PAPERSCOUT_DATA_DIR.";
        }
        if (e instanceof org.paperscout.store.DataDirInUseException) {
            return e.getMessage();
        }
        if (e instanceof DiscordStartupException) {
            return e.getMessage();
        }
        if (e instanceof UnreadableInputException) {
            return "Cannot ingest: " + e.getMessage();
        }
        String msg = e.getMessage();
        return "Error: " + (msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg));
    }

    record Context(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    }

    /** Shared by sub-commands: the settings and a way to open the app. */
    abstract static class Sub implements Callable<Integer> {
        Context context;

        @CommandLine.ParentCommand
        Main parent;

        Settings settings() {
            return Settings.locate(parent.configFile, context.env());
        }

        PaperScout open() throws IOException {
            return open(FrontEnd.none());
        }

        PaperScout open(FrontEnd frontEnd) throws IOException {
            Settings settings = settings();
            LogFormat.apply(settings);
            return PaperScout.open(settings, Clock.systemDefaultZone(), frontEnd);
        }

        Ingestor.Progress progress() {
            return new ProgressPrinter(context.err(), System.console() != null);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Start the bot: Discord when DISCORD_TOKEN is set, otherwise the console.")
    static final class Run extends Sub {
        @Override
        public Integer call() throws Exception {
            String token = context.env().get("DISCORD_TOKEN");
            if (token == null || token.isBlank()) {
                context.err().println("DISCORD_TOKEN is not set: starting the local console.");
                return runConsole(this);
            }
            return runDiscord(this, token);
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true,
            description = "Start the local console: type the bot's commands, e.g. /search goldfish loss.")
    static final class Console extends Sub {
        @Override
        public Integer call() throws Exception {
            return runConsole(this);
        }
    }

    /**
     * Runs the Discord bot until SIGTERM or Ctrl-C. The shutdown hook closes the app, which closes in order: the
     * digest job (a send in flight finishes), the bot (new interactions are told to retry, answers in flight finish),
     * then the index and database.
     */
    static int runDiscord(Sub sub, String token) throws IOException, InterruptedException {
        PaperScout app = sub.open(FrontEnd.discord(token));
        sub.context.err().println(app.config().startLine());
        try {
            app.seedIfEmpty(sub.progress());
            DiscordBot bot = app.startDiscord();
            // Polling and the semantic backfill run in Discord as in the console (they were never started here).
            app.startSources();
            app.startDigests();
            app.startOperations("discord", bot::connectionProblem);
        } catch (RuntimeException | IOException e) {
            app.close();
            throw e;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (IOException e) {
                sub.context.err().println("Error while closing: " + e.getMessage());
            } finally {
                closed.countDown();
            }
        }, "paperscout-shutdown"));
        sub.context.err().println("PaperScout is online in Discord. Stop it with Ctrl-C or SIGTERM.");
        closed.await();
        return 0;
    }

    /** How long SIGTERM waits for the console's close (the backfill alone may take 30 s); under ClassArchive's 120 s. */
    static final java.time.Duration CONSOLE_STOP_WAIT = java.time.Duration.ofSeconds(60);

    static int runConsole(Sub sub) throws IOException {
        boolean interactive = System.console() != null && sub.context.in() == System.in;
        ConsoleScreen screen = new ConsoleScreen(interactive);
        PrintStream out = sub.context.out();
        // Digests and polls are printed from the jobs' threads, locking the stream the replies use.
        // Set once the console exists (before the digest job starts): it writes a post's attachment to exports/.
        java.util.concurrent.atomic.AtomicReference<ConsoleFrontEnd> front = new java.util.concurrent.atomic.AtomicReference<>();
        FrontEnd printed = FrontEnd.console((heading, post) -> {
            ConsoleFrontEnd f = front.get();
            String text = f == null ? screen.posted(heading, post) : f.posted(heading, post);
            synchronized (out) {
                out.print(text);
                out.flush();
            }
        });
        PaperScout app = sub.open(printed);
        // SIGTERM and Ctrl-C close the app too (vectors committed, the WAL checkpointed), once, whichever ends first.
        try (CloseOnStop closing = CloseOnStop.register(app, sub.context.err(), CONSOLE_STOP_WAIT)) {
            sub.context.err().println(app.config().startLine());
            app.seedIfEmpty(sub.progress());
            quietSourceWarnings();
            app.startSources();
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser(app.config().consoleUser(), app.config().consoleUserName(),
                            app.config().consoleLocale()),
                    app.exports(), screen);
            front.set(console);
            app.startDigests();
            app.startOperations("console", () -> null); // answering as long as the process reads its input
            console.run(new BufferedReader(new InputStreamReader(sub.context.in(), StandardCharsets.UTF_8)),
                    sub.context.out(), interactive);
        }
        return 0;
    }

    /**
     * In the console, standard error shares the screen with the replies, so a failed poll's WARN line would land in
     * the middle of them; /status shows the error instead. A level the user turned up (INFO, DEBUG) is kept.
     */
    static void quietSourceWarnings() {
        if (org.slf4j.LoggerFactory.getLogger("org.paperscout.sources") instanceof ch.qos.logback.classic.Logger l
                && !l.isInfoEnabled()) {
            l.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Load papers from files or folders (seed text .txt, JSON Lines .jsonl, Hugging Face .json, arXiv Atom .xml), or poll a live source once with --from.")
    static final class Ingest extends Sub {
        @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or folders to load.")
        List<Path> paths;

        @Option(names = "--from", paramLabel = "SOURCE", description = "Poll a live source once: arxiv or hf.")
        String from;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            boolean noPaths = paths == null || paths.isEmpty();
            if (from == null && noPaths) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Say what to load: files or folders "
                        + "(paperscout ingest seeds/ more.jsonl), or a live source (paperscout ingest --from arxiv).");
            }
            if (from != null && !noPaths) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Give either files or folders to load, or --from arxiv / --from hf, not both.");
            }
            if (from != null) {
                try (PaperScout app = open()) {
                    return switch (SourceIngest.run(app, from, context.out(), context.err())) {
                        case DONE -> 0;
                        case UNKNOWN_SOURCE -> EXIT_USAGE;
                        case FAILED -> EXIT_FAILURE;
                    };
                }
            }
            try (PaperScout app = open()) {
                Ingestor.Summary summary = app.ingestor().ingest(paths, progress());
                summary.ignoredFiles().forEach(p -> context.err().println("ignored " + p));
                summary.problems().forEach(p -> context.err().println("skipped " + p));
                context.out().println(summary);
            }
            return 0;
        }
    }

    /**
     * Query words may start with {@code -} ({@code search speech -whispered}): the search command takes anything that
     * is not one of its own options as query text (see {@link #execute}).
     */
    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Search once, print the results and exit. Words starting with - exclude, as in /search.")
    static final class Search extends Sub {
        static final int MAX_LIMIT = 100;

        @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Words to look for.")
        List<String> words;

        @Option(names = "--limit", defaultValue = "5",
                description = "How many results, 1 to " + MAX_LIMIT + " (default ${DEFAULT-VALUE}).")
        int limit;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--limit must be from 1 to " + MAX_LIMIT + ", got " + limit + ".");
            }
            try (PaperScout app = open()) {
                app.seedIfEmpty(progress());
                app.catchUpWithFeed();
                String query = String.join(" ", words);
                try {
                    var page = app.search().search(SearchRequest.of(query, limit));
                    if (page.hits().isEmpty()) {
                        context.out().println("No papers match \"" + org.paperscout.commands.Text.printable(query) + "\".");
                    }
                    int rank = 1;
                    for (var hit : page.hits()) {
                        var p = hit.paper();
                        context.out().printf("%2d. %s%n    %s%s · id %s%n    %s%n", rank++, p.title(),
                                p.authors().isEmpty() ? "" : String.join(", ", p.authors()) + " · ",
                                p.published() == null ? "undated" : p.published(), p.id(),
                                hit.snippet().plainText());
                    }
                } catch (org.paperscout.search.QueryRejected e) {
                    context.err().println(e.getMessage());
                    return EXIT_USAGE;
                }
            }
            return 0;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a checked copy of the database to FILE (safe while the bot runs).")
    static final class Backup extends Sub {
        @Parameters(paramLabel = "FILE", description = "A new file, e.g. backups/2026-11-28.db.")
        Path file;

        @Override
        public Integer call() {
            Path dataDir = AppConfig.from(settings()).dataDir();
            org.paperscout.store.Database.backup(dataDir, file);
            context.out().println("Backed up " + dataDir.resolve(org.paperscout.store.Database.FILE_NAME)
                    + " to " + file.toAbsolutePath() + " (integrity check ok).");
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Replace the database with a backup FILE (stop the bot first).")
    static final class Restore extends Sub {
        @Parameters(paramLabel = "FILE", description = "A file written by paperscout backup.")
        Path file;

        @Override
        public Integer call() {
            Path dataDir = AppConfig.from(settings()).dataDir();
            try (var lock = org.paperscout.store.DataDirLock.acquire(dataDir)) {
                Path safety = org.paperscout.store.Database.restore(file, dataDir, Clock.systemUTC());
                context.out().println("Restored " + file.toAbsolutePath() + "."
                        + (safety == null ? "" : " The replaced database is kept in " + safety + "."));
            } catch (IllegalArgumentException e) {
                context.err().println(e.getMessage());
                return EXIT_USAGE;
            }
            return 0;
        }
    }

    @Command(name = "migrate-store", mixinStandardHelpOptions = true,
            description = "Copy every table of the SQLite store in the data folder to an empty PostgreSQL database"
                    + " and check the row counts (stop the bot first).")
    static final class MigrateStore extends Sub {
        @Option(names = "--to", required = true, paramLabel = "URL", description = "jdbc:postgresql://host:port/db;"
                + " user and password from PAPERSCOUT_STORE_USER and PAPERSCOUT_STORE_PASSWORD.")
        String to;

        @Override
        public Integer call() {
            Settings settings = settings();
            Path dataDir = AppConfig.from(settings).dataDir();
            try (var lock = org.paperscout.store.DataDirLock.acquire(dataDir)) {
                var target = org.paperscout.store.StoreLocation.postgres(to,
                        settings.optionalString(org.paperscout.store.StoreLocation.USER).orElse(null),
                        settings.optionalString(org.paperscout.store.StoreLocation.PASSWORD).orElse(null));
                var copied = org.paperscout.store.StoreCopy.copy(dataDir, target, Clock.systemUTC());
                copied.forEach((table, rows) -> context.out().printf("%-24s %,d rows%n", table, rows));
                context.out().println("Copied " + copied.size() + " tables to " + target + "; the row counts match."
                        + " Set store.url (PAPERSCOUT_STORE_URL) to it to use it.");
            } catch (IllegalArgumentException e) {
                context.err().println(e.getMessage());
                return EXIT_USAGE;
            }
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Print ranking-quality figures on the current index (known-item search, a follow simulation),"
                    + " or with --judged on a test collection against SQLite FTS5 and Rocchio.")
    static final class Eval extends Sub {
        @Option(names = "--judged", paramLabel = "DIR",
                description = "A test collection folder (SMART or BEIR) to measure on, in a throwaway index.")
        Path judged;

        @Override
        public Integer call() throws Exception {
            if (judged != null) {
                return judged();
            }
            // Simulated users live in a throwaway database, never the bot's own.
            Path work = java.nio.file.Files.createTempDirectory("paperscout-eval");
            try (PaperScout app = open()) {
                app.seedIfEmpty(progress());
                var report = new org.paperscout.recommend.RankingEvaluation(app.search(),
                        org.paperscout.recommend.RecommendConfig.from(settings()),
                        org.paperscout.recommend.TrendingConfig.from(settings()), Clock.systemUTC()).run(work);
                org.paperscout.recommend.RankingEvaluation.print(report, context.out());
            } finally {
                org.apache.lucene.util.IOUtils.rm(work);
            }
            return 0;
        }

        /** Never opens the bot's data folder: the collection gets its own index and database, deleted after. */
        private int judged() throws IOException {
            org.paperscout.eval.JudgedCollection collection;
            try {
                collection = org.paperscout.eval.JudgedCollections.read(judged);
            } catch (IOException e) {
                context.err().println("Cannot read the test collection: " + e.getMessage());
                return EXIT_USAGE;
            }
            Path work = java.nio.file.Files.createTempDirectory("paperscout-judged");
            try {
                // The same search users get: hybrid when search.semantic is on, with the configured model.
                var semantic = org.paperscout.search.SemanticConfig.from(settings());
                try (org.paperscout.search.OnnxEmbedder embedder = semantic.enabled()
                        ? org.paperscout.search.OnnxEmbedder.load(semantic.model(), semantic.window()) : null) {
                    context.out().println(embedder == null ? "/search: BM25 only (search.semantic=false)"
                            : "/search: BM25 fused with " + embedder.modelName() + " vectors (search.semantic=true)");
                    new org.paperscout.eval.JudgedEvaluation(Clock.systemUTC(), embedder).run(collection, work)
                            .print(context.out());
                }
            } finally {
                org.apache.lucene.util.IOUtils.rm(work);
            }
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/paperscout-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"PaperScout " + p.getProperty("version", "dev")};
        }
    }
}
