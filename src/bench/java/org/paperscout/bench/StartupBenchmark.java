package org.paperscout.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up as a user sees it (issue 15: "start-up to the first answer from an existing 1,000,000-paper index under
 * 2 s"): the shipped jar launched as README says ({@code java -jar paperscout.jar console}) against an existing data
 * folder, a {@code /search} typed at once, and the wall time from launch to the first line of its answer on standard
 * output (in a scripted console nothing else is printed there before it). The config is the one the jar finds (the
 * working folder's, as for a user in a checkout), so semantic search, the backfill and the source polls start as they
 * would. Prints each run and the median; asserts nothing.
 *
 * <p>{@code bench startup JAR DATA_DIR [runs] [jvm-option...]}: a JVM option such as {@code -Xlog:class+load} goes
 * before {@code -jar}; the child's standard error goes to {@code startup-<n>.err} in the working folder when
 * {@code -Dstartup.keep-stderr=true}.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> jvm = args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of();
        if (!Files.isDirectory(dataDir.resolve("index"))) {
            throw new IllegalArgumentException("no index in " + dataDir + " (build one with bench search --dir)");
        }
        System.out.printf(Locale.ROOT, "start-up of %s console on %s, %d runs, JVM options %s%n", jar, dataDir, runs,
                jvm);
        double[] secs = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long[] r = once(jar, dataDir, jvm, i);
            secs[i] = r[0] / 1e9;
            cpu[i] = r[1] / 1e9;
            System.out.printf(Locale.ROOT, "  run %d: %.2f s to the first line of the /search answer, %.2f CPU-s by "
                    + "then (all threads of the JVMs)%n", i + 1, secs[i], cpu[i]);
        }
        double[] sorted = secs.clone();
        Arrays.sort(sorted);
        double[] cpuSorted = cpu.clone();
        Arrays.sort(cpuSorted);
        System.out.printf(Locale.ROOT, "median %.2f s (min %.2f, max %.2f); CPU median %.2f s%n", sorted[runs / 2],
                sorted[0], sorted[runs - 1], cpuSorted[runs / 2]);
    }

    /**
     * Nanoseconds from launch to the first line of the answer, and the CPU time the launched JVM and its children had
     * used by then (on a shared machine wall time includes waiting for a core; CPU time is the work); the process is
     * then told to exit (end of input).
     */
    static long[] once(Path jar, Path dataDir, List<String> jvm, int run) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toString(), "console"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PAPERSCOUT_DATA_DIR", dataDir.toString());
        pb.environment().remove("DISCORD_TOKEN");
        if (Boolean.getBoolean("startup.keep-stderr")) {
            pb.redirectError(Path.of("startup-" + (run + 1) + ".err").toFile());
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        long t = System.nanoTime();
        Process p = pb.start();
        try {
            OutputStream in = p.getOutputStream();
            in.write("/search memory transformer\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            long took = System.nanoTime() - t;
            long cpu = cpuNanos(p.toHandle());
            if (line == null) {
                throw new IOException("the console printed nothing (exit " + p.waitFor() + ")");
            }
            in.close(); // end of input: the console exits as a user's "exit" would
            out.transferTo(Writer.nullWriter());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("the console did not exit within 60 s of the end of its input");
            }
            return new long[] {took, cpu};
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private static long cpuNanos(ProcessHandle root) {
        long sum = root.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
        for (ProcessHandle d : root.descendants().toList()) {
            sum += d.info().totalCpuDuration().map(x -> x.toNanos()).orElse(0L);
        }
        return sum;
    }
}
