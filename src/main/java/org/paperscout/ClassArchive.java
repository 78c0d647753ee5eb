package org.paperscout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.paperscout.config.Settings;

/**
 * Application Class Data Sharing for the long-running modes ({@code run}, {@code console}), kept in the data folder
 * with no install step. Java 17 reads a class archive only when the JVM is started with it, so {@code java -jar
 * paperscout.jar run} starts the bot in a child JVM with the same JVM options plus the archive, standard input and
 * output passed straight through, and waits for it (its exit code is the parent's; SIGTERM or Ctrl-C reach the child,
 * which closes as before). Without an archive for this jar and Java yet, the child writes one when it exits
 * ({@code -XX:ArchiveClassesAtExit}), under a temporary name that becomes {@code <data>/cds/paperscout-<key>.jsa}
 * only after a clean exit; the next start maps the 7,000 classes the bot loads instead of reading, verifying and
 * linking each from the 200 MB jar. A missing, stale or unreadable archive costs nothing but the saving: the JVM
 * checks it and starts without it.
 *
 * <p>Not done (the start runs in this JVM as before) when not run from a jar, for the one-off commands, when the JVM
 * already has CDS options of its own ({@code -Xshare}, {@code -XX:SharedArchiveFile}, ...), when the configuration
 * cannot be read (the normal start reports it), or with {@code PAPERSCOUT_CLASS_ARCHIVE=off}.
 */
final class ClassArchive {

    static final String CHILD_PROPERTY = "paperscout.class-archive.child";
    static final String ENV_SWITCH = "PAPERSCOUT_CLASS_ARCHIVE";
    static final String FOLDER = "cds";

    private ClassArchive() {
    }

    /** What to run instead: the child's command and where its archive goes; null to start in this JVM. */
    record Plan(List<String> command, Path archive, Path writing) {
        boolean creates() {
            return writing != null;
        }
    }

    /**
     * Starts the bot in a child JVM with the class archive when that applies; returns its exit code, or null when
     * the caller should start in this JVM.
     */
    static Integer relaunch(String[] args, Map<String, String> env) {
        Plan plan;
        try {
            Path jar = runningJar();
            if (jar == null || System.getProperty(CHILD_PROPERTY) != null) {
                return null;
            }
            plan = plan(args, env, jar, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.vm.version"));
        } catch (RuntimeException | IOException e) {
            return null; // the normal start reports a bad --config or data folder in one line
        }
        if (plan == null) {
            return null;
        }
        Process child;
        try {
            child = new ProcessBuilder(plan.command()).inheritIO().start();
        } catch (IOException e) {
            return null;
        }
        return waitFor(plan, child);
    }

    /**
     * In the child: when the parent JVM is gone without passing on a stop (SIGKILL, a crash), the bot closes as on
     * SIGTERM instead of running on unseen with the data folder locked.
     */
    static void followParent() {
        if (System.getProperty(CHILD_PROPERTY) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(143)));
    }

    /** The plan for these arguments, or null when the start stays in this JVM. */
    static Plan plan(String[] args, Map<String, String> env, Path jar, List<String> jvmOptions, Path java,
                     String vmVersion) throws IOException {
        if ("off".equalsIgnoreCase(env.getOrDefault(ENV_SWITCH, "").strip()) || !longRunning(args)) {
            return null;
        }
        for (String o : jvmOptions) {
            if (o.startsWith("-Xshare") || o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit")
                    || o.contains("DumpSharedSpaces") || o.startsWith("-agentlib:jdwp") || o.startsWith("-D" + CHILD_PROPERTY)) {
                return null;
            }
        }
        Path dataDir = Settings.locate(configOption(args), env).path("data.dir", Path.of("data"));
        Path folder = dataDir.resolve(FOLDER).toAbsolutePath();
        Files.createDirectories(folder);
        // The archive belongs to one jar (its size and time) and one JVM build; another of either gets its own.
        String key = Long.toHexString(Files.size(jar)) + "-" + Long.toHexString(Files.getLastModifiedTime(jar).toMillis())
                + "-" + Integer.toHexString(vmVersion.hashCode());
        Path archive = folder.resolve("paperscout-" + key + ".jsa");
        boolean exists = Files.isRegularFile(archive) && Files.size(archive) > 0;
        removeAbandoned(folder);
        Path writing = exists ? null : folder.resolve("paperscout-" + key + ".jsa." + ProcessHandle.current().pid());
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add(exists ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + writing);
        // A stale or foreign archive is refused with a warning line on standard error, which would land in the
        // console's output: the JVM starts without it either way.
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        command.add("-D" + CHILD_PROPERTY + "=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return new Plan(command, archive, writing);
    }

    /** Half-written archives of starts that are no longer running (killed before they could tidy up). */
    private static void removeAbandoned(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                int dot = name.lastIndexOf(".jsa.");
                if (name.startsWith("paperscout-") && dot > 0) {
                    try {
                        long pid = Long.parseLong(name.substring(dot + 5));
                        if (ProcessHandle.of(pid).isEmpty()) {
                            Files.deleteIfExists(p);
                        }
                    } catch (NumberFormatException e) {
                        // not ours
                    }
                }
            }
        }
    }

    /** {@code run} (also the default: no sub-command) and {@code console}; not help, version or one-off tools. */
    static boolean longRunning(String[] args) {
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config")) {
                i++;
            } else if (a.startsWith("--config=")) {
                continue;
            } else if (a.startsWith("-")) {
                return false; // --help, --version or an option this class does not know: no detour
            } else {
                command = a;
                break;
            }
        }
        return command == null || command.equals("run") || command.equals("console");
    }

    private static Path configOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    private static Path runningJar() {
        try {
            var source = ClassArchive.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static int waitFor(Plan plan, Process child) {
        // SIGTERM (docker stop) reaches only this process: pass it on and wait for the child's orderly close.
        Thread forward = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    if (!child.waitFor(120, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            keep(plan, child);
        }, "paperscout-forward-stop");
        Runtime.getRuntime().addShutdownHook(forward);
        int code;
        while (true) {
            try {
                code = child.waitFor();
                break;
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the bot is done
            }
        }
        keep(plan, child);
        return code;
    }

    /**
     * Makes the archive the child wrote the one later starts use, if it wrote a whole one (it exits normally, also
     * on SIGTERM or Ctrl-C, with code below 128 or 130/143); anything else is deleted. Archives of other jars or JVMs go.
     */
    static synchronized void keep(Plan plan, Process child) {
        if (!plan.creates() || child.isAlive() || !Files.exists(plan.writing())) {
            return;
        }
        int code = child.exitValue();
        try {
            if (code < 128 || code == 130 || code == 143) {
                Files.move(plan.writing(), plan.archive(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                try (Stream<Path> old = Files.list(plan.archive().getParent())) {
                    for (Path p : old.toList()) {
                        String name = p.getFileName().toString();
                        if (name.startsWith("paperscout-") && name.endsWith(".jsa") && !p.equals(plan.archive())) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            } else {
                Files.deleteIfExists(plan.writing());
            }
        } catch (IOException e) {
            // no archive this time; the next start tries again
        }
    }
}
