package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;

/**
 * Issue #11's shape: two bot processes ({@link ShardBotChild}) with two shards each against one local Discord.
 * Every guild is served by exactly one process, and every interaction is run by exactly one.
 */
class ShardingProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The children's stderr (their logs), appended; read it when the test fails. */
    private static final Path LOG = Path.of("target", "sharding-child.log");

    @Test
    void twoProcessesSplitTheGuildsAndAnswerEachInteractionOnce(@TempDir Path a, @TempDir Path b) throws Exception {
        try (LocalDiscord discord = LocalDiscord.builder().extraGuilds(7).recommendedShards(4).start()) {
            Child first = Child.start(a, discord, "0-1");
            Child second = Child.start(b, discord, "2-3");
            try {
                discord.awaitLiveShards(List.of(0, 1, 2, 3), WAIT);
                TreeSet<String> firstGuilds = first.guilds.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                TreeSet<String> secondGuilds = second.guilds.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                List<String> guilds = discord.guildIds();
                TreeSet<String> union = new TreeSet<>(firstGuilds);
                union.addAll(secondGuilds);
                assertThat(union).containsExactlyInAnyOrderElementsOf(guilds);
                assertThat(firstGuilds).doesNotContainAnyElementsOf(secondGuilds).isNotEmpty();
                assertThat(secondGuilds).isNotEmpty();

                for (String guild : guilds) {
                    Interaction i = discord.slashIn(guild, UserKind.MEMBER, "search", Option.string("query", "diffusion"));
                    BotHarness.assertAccepted(discord.awaitFirstAnswer(i, WAIT));
                }
                List<String> ranFirst = first.finish();
                List<String> ranSecond = second.finish();
                assertThat(new TreeSet<>(ranFirst)).isEqualTo(firstGuilds);
                assertThat(new TreeSet<>(ranSecond)).isEqualTo(secondGuilds);
                assertThat(ranFirst.size() + ranSecond.size()).as("each interaction run once").isEqualTo(guilds.size());
            } finally {
                first.kill();
                second.kill();
            }
        }
    }

    /** One {@link ShardBotChild} process and what it printed. */
    private static final class Child {
        final Process process;
        final CompletableFuture<TreeSet<String>> guilds = new CompletableFuture<>();
        final List<String> ran = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("guilds ")) {
                            guilds.complete(new TreeSet<>(Arrays.asList(line.substring(7).split(","))));
                        } else if (line.startsWith("ran ")) {
                            ran.add(line.substring(4));
                        }
                    }
                } catch (IOException ignored) {
                    // the pipe breaks when the child dies
                }
                ended.complete(null);
            }, "shard-child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path data, LocalDiscord discord, String shards) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), ShardBotChild.class.getName(),
                    data.toString(), discord.restBaseUrl(), discord.gatewayUrl(), shards, "4"));
            return new Child(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start());
        }

        /** Closes the child's input; it prints what it ran and stops. */
        List<String> finish() throws Exception {
            process.getOutputStream().close();
            ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return List.copyOf(ran);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
