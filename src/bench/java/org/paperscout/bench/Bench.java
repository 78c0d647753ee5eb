package org.paperscout.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.lucene.util.IOUtils;
import org.paperscout.charts.ChartBenchmark;
import org.paperscout.digest.DigestBenchmark;
import org.paperscout.discord.InteractionBenchmark;
import org.paperscout.recommend.EmergingQuality;
import org.paperscout.recommend.RecommendBenchmark;
import org.paperscout.search.RankingExperiment;
import org.paperscout.search.SearchBenchmark;
import org.paperscout.search.SemanticBenchmark;
import org.paperscout.sources.IngestBenchmark;
import org.paperscout.store.StoreBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one entry point of the benchmarks: {@code bench <area> [args]}; {@code bench} alone lists the areas. The
 * benchmarks live outside {@code src/main} so the shipped jar holds only the bot; README ("Benchmarks") runs this
 * through {@code mvn -q test-compile exec:exec -Dbench="<area> [args]"}.
 */
public final class Bench {

    /** A benchmark's own {@code main}, taking the arguments after the area's name. */
    @FunctionalInterface
    interface Runner {
        void run(String[] args) throws Exception;
    }

    record Area(String name, String usage, int requiredArgs, String what, Runner runner) {
    }

    static final List<Area> AREAS = List.of(
            new Area("search", "[--papers 100000,1000000] [--queries 500] [--dir DIR] [--no-startup]", 0,
                    "indexing rate, /search latency, heap and start-up on a generated corpus", Bench::search),
            new Area("startup", "JAR DATA_DIR [runs] [jvm-option...]", 2,
                    "launch of the jar's console to the first line of a /search answer, on an existing data folder",
                    StartupBenchmark::main),
            new Area("semantic", "DIR [papers...]", 1,
                    "embedding throughput, vector writes, hybrid /search and /similar latency",
                    SemanticBenchmark::main),
            new Area("embedding", "[papers] [repeats] [variant...]", 0,
                    "embedding throughput and CPU per 1,000 papers under batching, thread and ONNX option variants",
                    org.paperscout.search.EmbeddingBenchmark::main),
            new Area("store", "[dir] [seconds] [threads]", 0, "SQLite store throughput and latency under load",
                    StoreBenchmark::main),
            new Area("recommend", "[100000,1000000] [events] [dir]", 0, "/recommend latency and trending time",
                    RecommendBenchmark::main),
            new Area("digest", "[papers] [dir] [--compose-only] [--fingerprint]", 0,
                    "composing and delivering channel and personal digests",
                    DigestBenchmark::main),
            new Area("interaction", "[data-dir]", 0,
                    "/search first-answer latency through JDA and the local Discord, 1-50 users",
                    InteractionBenchmark::main),
            new Area("shards", "[guilds] [users-per-process]", 0,
                    "3 bot processes, 16 shards, one PostgreSQL: a digest due in every guild (rate, spread, "
                            + "duplicates), then /search latency per process",
                    org.paperscout.discord.ShardsBenchmark::main),
            new Area("ingest", "[papers]", 0, "fetch + parse + index rate of arXiv Atom pages from a local server",
                    IngestBenchmark::main),
            new Area("feed", "[papers]", 0, "the shared papers feed on PostgreSQL: publish, apply and rebuild rates",
                    org.paperscout.sources.FeedBenchmark::main),
            new Area("compare", "[papers] [queries] [dir] | --floor [papers] [rounds] [dir] [variant/...]", 0,
                    "PaperScout against SQLite FTS5 on one corpus: build rate, size, /search p50/p99 per length; "
                            + "--floor: FTS5's build, bare Lucene writers (a, b, c) and the ingest, CPU by thread",
                    CompareBenchmark::main),
            new Area("charts", "", 0, "/pulse and /trending chart render times (busy week, five years, top papers)",
                    ChartBenchmark::main),
            new Area("emerging", "[corpora]", 0,
                    "emerging topics found and falsely reported on generated corpora with and without planted bursts",
                    EmergingQuality::main),
            new Area("retention", "[--papers 100000] [--days 365] [--feed] [--postgres [URL]] [--relations] [--dir DIR]", 0,
                    "a simulated year with the daily retention run: database size per month, trending refresh time",
                    org.paperscout.retention.RetentionBenchmark::main),
            new Area("ranking", "DIR [variant]", 1, "ranking variants scored by nDCG@10 on a judged collection",
                    RankingExperiment::main));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            list(out);
            return 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        for (Area area : AREAS) {
            if (area.name().equals(args[0])) {
                if (rest.length < area.requiredArgs()) {
                    err.println("Usage: bench " + area.name() + " " + area.usage());
                    return 2;
                }
                area.runner().run(rest);
                return 0;
            }
        }
        err.println("No benchmark area '" + args[0] + "'.");
        list(err);
        return 2;
    }

    private static void list(PrintStream to) {
        to.println("Usage: bench <area> [args]; areas:");
        for (Area a : AREAS) {
            to.printf(Locale.ROOT, "  %-12s %s%n  %-12s   %s%n", a.name(), a.what(), "", a.usage());
        }
    }

    private static void search(String[] args) {
        int code = new CommandLine(new SearchArea()).execute(args);
        if (code != 0) {
            throw new IllegalArgumentException("bench search failed (exit " + code + ")");
        }
    }

    /** The options the shipped CLI's former {@code paperscout bench} took, unchanged. */
    @Command(name = "bench search", mixinStandardHelpOptions = true,
            description = "Benchmark indexing and search on a generated corpus; prints figures.")
    static final class SearchArea implements Callable<Integer> {
        @Option(names = "--papers", split = ",", defaultValue = "100000,1000000",
                description = "Corpus sizes, built up in one index (default ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Option(names = "--queries", defaultValue = "500", description = "Queries per length (default ${DEFAULT-VALUE}).")
        int queries;

        @Option(names = "--dir", description = "Work folder (default: a new temporary folder, deleted after).")
        Path dir;

        @Option(names = "--no-startup", description = "Skip the start-up probes (three fresh JVMs per size).")
        boolean noStartup;

        @Override
        public Integer call() throws Exception {
            Path work = dir != null ? dir : Files.createTempDirectory("paperscout-bench");
            System.out.println("PaperScout search benchmark, " + Runtime.getRuntime().availableProcessors()
                    + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, in " + work);
            try {
                new SearchBenchmark(System.out).run(work, sizes.stream().sorted().toList(), queries,
                        noStartup ? null : SearchBenchmark.childJvm());
            } finally {
                if (dir == null) {
                    IOUtils.rm(work);
                }
            }
            return 0;
        }
    }
}
