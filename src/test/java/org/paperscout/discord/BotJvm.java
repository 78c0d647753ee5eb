package org.paperscout.discord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.LocalJda;

/**
 * {@code paperscout run} as an operator starts it, in a JVM of its own (the production main on this classpath),
 * configured through the environment only, against the local Discord and a shared PostgreSQL store. Shared by the
 * tests and benchmarks that run several bot processes (DigestShardsKillIT, {@code bench shards}), so that what they
 * measure is started the same way.
 *
 * @param discord     the local Discord every process connects to
 * @param storeUrl    the shared PostgreSQL store (user postgres, no password: the embedded server)
 * @param shardsTotal {@code discord.shards-total}, the same in every process
 * @param jvmOptions  options of the child JVM (heap, JIT)
 * @param settings    further environment, e.g. {@code PAPERSCOUT_DIGEST_TICK}; these win over the defaults here
 * @param log         the children's output (their logs at INFO), appended; read it when something fails
 */
public record BotJvm(LocalDiscord discord, String storeUrl, int shardsTotal, List<String> jvmOptions,
                     Map<String, String> settings, Path log) {

    /** Quick to start, small: for tests, where start-up dominates and steady-state speed does not matter. */
    public static final List<String> TEST_JVM = List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m");

    public BotJvm {
        jvmOptions = List.copyOf(jvmOptions);
        settings = Map.copyOf(settings);
    }

    /** Starts a process running {@code shards} (e.g. {@code 0-5}) on its own data folder. */
    public Process start(Path data, String shards) throws IOException {
        Files.createDirectories(data);
        Files.createDirectories(log.toAbsolutePath().getParent());
        // An empty config file: every setting comes from the environment, as in a container.
        Path config = Files.writeString(data.resolveSibling(data.getFileName() + ".properties"), "");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.paperscout.Main",
                "--config", config.toString(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PAPERSCOUT_") || k.equals("DISCORD_TOKEN"));
        env.put("DISCORD_TOKEN", LocalJda.TOKEN);
        env.put("PAPERSCOUT_DISCORD_REST_URL", discord.restBaseUrl());
        env.put("PAPERSCOUT_DISCORD_GATEWAY_URL", discord.gatewayUrl());
        env.put("PAPERSCOUT_DISCORD_SHARDS", shards);
        env.put("PAPERSCOUT_DISCORD_SHARDS_TOTAL", Integer.toString(shardsTotal));
        env.put("PAPERSCOUT_DATA_DIR", data.toString());
        env.put("PAPERSCOUT_SEEDS_DIR", Path.of(System.getProperty("paperscout.seeds", "seeds")).toAbsolutePath()
                .toString());
        env.put("PAPERSCOUT_STORE_URL", storeUrl);
        env.put("PAPERSCOUT_STORE_USER", "postgres");
        env.put("PAPERSCOUT_SEARCH_SEMANTIC", "false");
        env.put("PAPERSCOUT_SOURCES_ARXIV_ENABLED", "false");
        env.put("PAPERSCOUT_SOURCES_HF_ENABLED", "false");
        env.put("PAPERSCOUT_LOG_LEVEL", "INFO");
        env.putAll(settings);
        return builder.start();
    }
}
