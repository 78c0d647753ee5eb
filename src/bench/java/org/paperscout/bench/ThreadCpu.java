package org.paperscout.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM by thread group, from {@code /proc/self/task} (Linux only; elsewhere every group reads 0 and
 * only the process total is known). JIT compiler and GC threads are not Java threads, so {@code ThreadMXBean}
 * does not see them; {@code /proc} does. Threads that ended between two snapshots (merge threads) drop out of the
 * groups: their time is in {@code other} (process total minus the groups still alive).
 */
final class ThreadCpu {

    static final String[] GROUPS = {"writers", "main", "parse", "merges", "jit", "gc", "other"};
    /** USER_HZ: 100 on every Linux this runs on. */
    private static final double TICK_NANOS = 1e9 / 100;

    private ThreadCpu() {
    }

    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Nanoseconds of CPU per thread id, with the group each thread belongs to. */
    record Snapshot(long total, Map<String, Long> byThread, Map<String, String> groupOf) {

        /** CPU seconds per group between {@code before} and this snapshot, plus {@code total}. */
        Map<String, Double> since(Snapshot before) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String g : GROUPS) {
                out.put(g, 0.0);
            }
            double grouped = 0;
            for (Map.Entry<String, Long> e : byThread.entrySet()) {
                String group = groupOf.get(e.getKey());
                if (group.equals("other")) {
                    continue;
                }
                double s = (e.getValue() - before.byThread.getOrDefault(e.getKey(), 0L)) / 1e9;
                out.merge(group, s, Double::sum);
                grouped += s;
            }
            double total = (this.total - before.total) / 1e9;
            out.put("other", Math.max(0, total - grouped));
            out.put("total", total);
            return out;
        }
    }

    static Snapshot take() {
        Map<String, Long> byThread = new LinkedHashMap<>();
        Map<String, String> groupOf = new LinkedHashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (Files.isDirectory(tasks)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
                for (Path task : dirs) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        int open = stat.indexOf('(');
                        int close = stat.lastIndexOf(')');
                        String name = stat.substring(open + 1, close);
                        String[] rest = stat.substring(close + 2).split(" ");
                        // after "pid (comm) ": state is field 3, utime field 14, stime field 15
                        long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                        String id = task.getFileName().toString();
                        byThread.put(id, (long) (ticks * TICK_NANOS));
                        groupOf.put(id, group(name));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended while we looked
                    }
                }
            } catch (IOException e) {
                // no per-thread figures; the total still counts
            }
        }
        return new Snapshot(processNanos(), byThread, groupOf);
    }

    static String group(String name) {
        if (name.startsWith("index-writer") || name.startsWith("floor-writer")) {
            return "writers";
        }
        if (name.equals("main") || name.equals("java")) {
            return "main";
        }
        if (name.startsWith("ForkJoinPool")) {
            return "parse";
        }
        if (name.startsWith("Lucene Merge")) {
            return "merges";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            return "gc";
        }
        return "other";
    }
}
