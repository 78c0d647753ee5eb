package org.paperscout.discord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.paperscout.discord.local.LocalDiscord;

/**
 * The local Discord and {@code bench interaction}'s simulated users in a JVM of their own, so the bot's JVM holds
 * only the bot: the server keeps every recorded call and its JSON, and in the bot's JVM that garbage made the bot's
 * collection pauses (README, "A JFR profile of {@code bench interaction}"). Latencies are still taken by the server,
 * from dispatch of the interaction to arrival of its first callback, as Discord's 3-second clock is.
 *
 * <p>The parent talks to the child in lines: the child prints {@code ready REST-URL GATEWAY-URL} once listening;
 * {@code level USERS TOTAL [THINK-MS]} runs {@link InteractionBenchmark#level} there and prints
 * {@code result LATE CPU-NANOS FIRST-MS,... FULL-MS,...} (the child's CPU over the level); {@code clear} forgets
 * the recorded calls and prints {@code ok}; the end of input closes the server and ends the child.
 */
final class UsersJvm implements InteractionBenchmark.Users {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String restUrl;
    private final String gatewayUrl;
    private long lastCpuNanos;

    private UsersJvm(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
        String[] ready = expect("ready");
        this.restUrl = ready[1];
        this.gatewayUrl = ready[2];
    }

    /**
     * Starts the child on this JVM's classpath with {@code jvmOptions} (e.g. from {@code -Dbench.discord.jvm}) and
     * waits for its ready line; its standard error (logs) goes to this process's.
     */
    static UsersJvm start(List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dpaperscout.seeds=" + System.getProperty("paperscout.seeds", "seeds"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), UsersJvm.class.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return new UsersJvm(p);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    @Override
    public String restBaseUrl() {
        return restUrl;
    }

    @Override
    public String gatewayUrl() {
        return gatewayUrl;
    }

    @Override
    public InteractionBenchmark.Result level(int users, int total, long thinkMillis) throws IOException {
        send("level " + users + " " + total + " " + thinkMillis);
        String[] r = expect("result");
        lastCpuNanos = Long.parseLong(r[2]);
        return new InteractionBenchmark.Result(parse(r[3]), parse(r[4]), Integer.parseInt(r[1]));
    }

    /** The child's CPU time over the last level: the server and the users, not the bot. */
    @Override
    public long lastLevelCpuNanos() {
        return lastCpuNanos;
    }

    @Override
    public void clear() throws IOException {
        send("clear");
        expect("ok");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void send(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    /** The next line starting with {@code word}; other lines (anything printed to standard output) are echoed. */
    private String[] expect(String word) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            String[] parts = line.split(" ");
            if (parts[0].equals(word)) {
                return parts;
            }
            if (parts[0].equals("error")) {
                throw new IOException("the local Discord's JVM: " + line);
            }
            System.out.println("[local Discord] " + line);
        }
        throw new IOException("the local Discord's JVM ended (exit " + exitValue() + ") before '" + word + "'");
    }

    private String exitValue() {
        try {
            return String.valueOf(process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "still running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static List<Double> parse(String csv) {
        return csv.equals("-") ? List.of() : Arrays.stream(csv.split(",")).map(Double::valueOf).toList();
    }

    static String format(List<Double> values) {
        return values.isEmpty() ? "-"
                : values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).collect(Collectors.joining(","));
    }

    /** The child: the local Discord plus the users, driven by the parent's lines on standard input. */
    public static void main(String[] args) throws Exception {
        PrintStream stdout = System.out;
        // Only protocol lines on standard output; anything else printed here goes to the logs.
        System.setOut(System.err);
        try (LocalDiscord discord = LocalDiscord.start();
             BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            stdout.println("ready " + discord.restBaseUrl() + " " + discord.gatewayUrl());
            stdout.flush();
            for (String line; (line = lines.readLine()) != null; ) {
                String[] parts = line.strip().split(" ");
                if (parts[0].equals("clear")) {
                    discord.clearRecorded();
                    stdout.println("ok");
                } else if (parts[0].equals("level")) {
                    long cpu = InteractionBenchmark.processCpuNanos();
                    InteractionBenchmark.Result r = InteractionBenchmark.level(discord,
                            Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                            parts.length > 3 ? Long.parseLong(parts[3]) : 0, user -> discord.guildId());
                    stdout.println("result " + r.late() + " " + (InteractionBenchmark.processCpuNanos() - cpu) + " "
                            + format(r.millis()) + " " + format(r.full()));
                } else {
                    stdout.println("error unknown command: " + line);
                }
                stdout.flush();
            }
        }
        System.exit(0);
    }
}
