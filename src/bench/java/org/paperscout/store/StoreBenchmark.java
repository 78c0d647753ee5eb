package org.paperscout.store;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.paperscout.catalog.Paper;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.privacy.PrivacyStore;

/**
 * Store throughput and latency under 16 threads, on a fresh database in {@code dir}: follow+unfollow and save
 * transactions per second with per-call p50/p99/max, the p99 of reading a user's follows while 8 other
 * threads write, and durable writes (synchronous=FULL, here /forget-me of users with no rows). Every figure is
 * per single store call, including the wait for the group commit.
 * Run: {@code bench store [dir] [seconds-per-phase] [threads]}. By default every thread calls again at once (a closed
 * loop that keeps both cores busy, so a call's tail is mostly its wait for a core); with
 * {@code -Dbench.pause=MS} each thread pauses a random time of that mean (exponential, fractions allowed) before
 * each operation, as a bot's handlers do between users' commands.
 */
public final class StoreBenchmark {

    static final int DEFAULT_THREADS = 16;
    /** Mean pause of a thread before each operation, in nanoseconds; 0: a closed loop. */
    private static final long PAUSE_NANOS = Math.round(Double.parseDouble(System.getProperty("bench.pause", "0")) * 1e6);

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("paperscout-bench");
        Duration phase = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 3);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_THREADS;
        run(dir, phase, threads, System.out);
    }

    public static void run(Path dir, Duration phase, PrintStream out) throws Exception {
        run(dir, phase, DEFAULT_THREADS, out);
    }

    /** @param threads at least 2: the mixed phase splits them into readers and writers */
    public static void run(Path dir, Duration phase, int threads, PrintStream out) throws Exception {
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(dir, StoreConfig.defaults(), clock)) {
            FollowStore follows = new FollowStore(db, clock);
            LibraryStore library = new LibraryStore(db, clock);
            out.printf("PaperScout store benchmark: %d threads, %d s a phase, %s, %d cores, %s%n", threads,
                    phase.toSeconds(), db.file(), Runtime.getRuntime().availableProcessors(), PAUSE_NANOS == 0
                            ? "closed loop" : String.format(Locale.ROOT, "mean pause %.2f ms", PAUSE_NANOS / 1e6));
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < 10; i++) {
                    follows.add("reader-" + t, FollowKind.TOPIC, "standing topic " + i);
                }
            }

            Result followUnfollow = measure(phase, threads, (rec, thread, i) -> {
                String user = "bench-" + thread;
                if (i % 2 == 0) {
                    rec.write(() -> follows.add(user, FollowKind.TOPIC, "topic " + thread + "-" + i));
                } else {
                    // the id to remove comes from the add before; list() here is setup, not measured
                    List<Follow> mine = follows.list(user);
                    rec.write(() -> follows.remove(user, mine.get(mine.size() - 1).id()));
                }
            });
            out.println(followUnfollow.line("follow + unfollow"));

            Result save = measure(phase, threads, (rec, thread, i) -> rec.write(() -> library.save("saver-" + thread + "-" + (i / 900),
                    new Paper("b" + thread + "-" + i, "Benchmark paper " + i, "An abstract.", List.of("A. Author"),
                            List.of("cs.LG"), null, null, 0, "bench"))));
            out.println(save.line("save"));

            Result mixed = measure(phase, threads, (rec, thread, i) -> {
                if (thread < threads / 2) {
                    rec.read(() -> follows.list("reader-" + thread));
                } else if (i % 2 == 0) {
                    rec.write(() -> follows.add("mixed-" + thread, FollowKind.AUTHOR, "author " + i));
                } else {
                    List<Follow> mine = follows.list("mixed-" + thread);
                    rec.write(() -> follows.remove("mixed-" + thread, mine.get(mine.size() - 1).id()));
                }
            });
            out.println(mixed.readLine("read follows, " + (threads - threads / 2) + " of " + threads + " writing"));

            PrivacyStore privacy = new PrivacyStore(db);
            Result durable = measure(phase, threads, (rec, thread, i) -> rec.write(() -> privacy.forget("nobody-" + thread)));
            out.println(durable.line("durable write (FULL, forget-me)"));
        }
    }

    /** Times single store calls of one thread. */
    static final class Recorder {
        long[] writes = new long[1 << 14];
        long[] reads = new long[1 << 14];
        int w;
        int r;

        void write(Runnable call) {
            long t0 = System.nanoTime();
            call.run();
            writes = grow(writes, w);
            writes[w++] = System.nanoTime() - t0;
        }

        void read(Runnable call) {
            long t0 = System.nanoTime();
            call.run();
            reads = grow(reads, r);
            reads[r++] = System.nanoTime() - t0;
        }
    }

    @FunctionalInterface
    interface Op {
        void run(Recorder recorder, int thread, int i) throws Exception;
    }

    /** Latencies in nanoseconds of the calls a phase measured, and how long it ran. */
    record Result(long[] writes, long[] reads, double seconds) {

        String line(String name) {
            return String.format(Locale.ROOT, "%-32s %8.0f tx/s      p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%d calls)",
                    name, writes.length / seconds, pct(writes, 50), pct(writes, 99), pct(writes, 100), writes.length);
        }

        String readLine(String name) {
            return String.format(Locale.ROOT, "%-32s %8.0f reads/s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms; "
                            + "writes meanwhile p99 %6.2f ms", name, reads.length / seconds, pct(reads, 50),
                    pct(reads, 99), pct(reads, 100), pct(writes, 99));
        }

        static double pct(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    /** Runs {@code op} on {@code threads} threads for {@code phase}, all starting together. */
    private static Result measure(Duration phase, int threads, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Future<Recorder>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Recorder rec = new Recorder();
                start.await();
                for (int i = 0; System.nanoTime() < deadline[0]; i++) {
                    if (PAUSE_NANOS > 0) {
                        double draw = java.util.concurrent.ThreadLocalRandom.current().nextDouble();
                        java.util.concurrent.locks.LockSupport.parkNanos(Math.round(-PAUSE_NANOS * Math.log(1 - draw)));
                    }
                    op.run(rec, thread, i);
                }
                return rec;
            }));
        }
        long began = System.nanoTime();
        deadline[0] = began + phase.toNanos();
        start.countDown();
        List<long[]> allWrites = new ArrayList<>();
        List<long[]> allReads = new ArrayList<>();
        for (Future<Recorder> f : futures) {
            Recorder rec = f.get();
            allWrites.add(Arrays.copyOf(rec.writes, rec.w));
            allReads.add(Arrays.copyOf(rec.reads, rec.r));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        return new Result(merge(allWrites), merge(allReads), seconds);
    }

    private static long[] grow(long[] a, int used) {
        return used < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    private static long[] merge(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }
}
