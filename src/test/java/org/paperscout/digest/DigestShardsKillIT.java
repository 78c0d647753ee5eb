package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.discord.BotJvm;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;
import org.paperscout.store.EmbeddedPg;

/**
 * Issue #11 end to end: three real bot processes ({@code paperscout run}, the production main in JVMs of their own)
 * on one embedded PostgreSQL and the local Discord, with the 4 gateway shards split 0-1 / 2 / 3, and a channel
 * digest due in every guild. The process running shards 0-1 is killed with SIGKILL as soon as its first digest is
 * out, with others claimed and waiting for its pacer, and started again on the same data folder. Counted in the
 * local Discord's channels: every guild's digest arrives exactly once, the killed process's guilds included (no
 * other process runs their shards, so the restarted one takes its claims over once their lease runs out), and
 * every guild's /search is answered afterwards.
 *
 * <p>An IT: four JVM starts with JDA, Lucene and Flyway take most of a minute on the 2-core build machine.
 */
class DigestShardsKillIT {

    private static final int GUILDS = 24;
    private static final int SHARDS = 4;
    private static final String LEASE = "5s";
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The children's output (their logs at INFO), appended; read it when the test fails. */
    private static final Path LOG = Path.of("target", "digest-shards-kill-child.log");

    @TempDir
    Path dir;

    @Test
    void aKilledProcesssShardsStillGetEveryDigestExactlyOnce() throws Exception {
        try (LocalDiscord discord = LocalDiscord.builder().extraGuilds(GUILDS - 1).recommendedShards(SHARDS)
                .start()) {
            String url = EmbeddedPg.newDatabaseUrl();
            Instant dueAt = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Map<String, Integer> shardOf = new HashMap<>();
            for (String guild : discord.guildIds()) {
                shardOf.put(guild, (int) ((Long.parseLong(guild) >> 22) % SHARDS));
            }
            List<String> victimGuilds = shardOf.entrySet().stream().filter(e -> e.getValue() <= 1)
                    .map(Map.Entry::getKey).toList();
            assertThat(victimGuilds).as("shards 0-1 serve several guilds").hasSizeGreaterThan(2);
            assertThat(shardOf.values()).as("every shard serves a guild").contains(0, 1, 2, 3);
            DueChannelDigests.save(url, discord, discord.guildIds(), dueAt);
            // Four sends a second for the bot, so 2/s for the 0-1 process (half the shards) and 1/s for the others:
            // slow enough that the kill lands mid-run. A short lease.
            BotJvm bots = new BotJvm(discord, url, SHARDS, BotJvm.TEST_JVM, Map.of("PAPERSCOUT_DIGEST_TICK", "1s",
                    "PAPERSCOUT_DIGEST_LEASE", LEASE, "PAPERSCOUT_DIGEST_SENDS_PER_SECOND", "4"), LOG);

            List<Process> children = new ArrayList<>();
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
                Process victim = bots.start(dir.resolve("a"), "0-1");
                children.add(victim);
                children.add(bots.start(dir.resolve("b"), "2"));
                children.add(bots.start(dir.resolve("c"), "3"));

                awaitFirstDigest(discord, victimGuilds);
                victim.destroyForcibly();
                assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
                List<String> leftPending = pendingHeldBy(c, victim.pid());
                int deliveredBeforeKill = delivered(discord, victimGuilds);
                Process restarted = bots.start(dir.resolve("a"), "0-1");
                children.add(restarted);

                awaitAllSent(c);
                long end = System.nanoTime();
                for (String guild : shardOf.keySet()) {
                    assertThat(discord.messagesIn(discord.channelIdOf(guild))).as("messages in guild %s (shard %d)",
                            guild, shardOf.get(guild)).hasSize(1);
                }
                assertThat(DueChannelDigests.countBy(c, "SELECT state, count(*) FROM deliveries GROUP BY state"))
                        .isEqualTo(Map.of("sent", (long) GUILDS));
                assertThat(leftPending).as("the kill left claimed digests behind (else nothing was taken over)")
                        .isNotEmpty();
                assertThat(finishers(c, leftPending)).as("who finished the dead process's claims")
                        .allMatch(host -> host.endsWith("/" + restarted.pid()));

                for (String guild : shardOf.keySet()) {
                    Interaction i = discord.slashIn(guild, UserKind.MEMBER, "search",
                            Option.string("query", "memorization"));
                    RecordedCall answer = discord.awaitFirstAnswer(i, WAIT);
                    assertThat(answer.status()).as(answer.toString()).isBetween(200, 299);
                }
                System.out.printf("digest shards kill test: 3 processes, %d shards (0-1, 2, 3), %d channel digests "
                                + "due at %s; killed the 0-1 process after %d of its %d were out, leaving %d claimed; "
                                + "restarted, every digest delivered once (0 missed, 0 duplicates), all sent %.1f s "
                                + "after start%n", SHARDS, GUILDS, dueAt, deliveredBeforeKill, victimGuilds.size(),
                        leftPending.size(), (end - t0) / 1e9);
            } finally {
                for (Process p : children) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static int delivered(LocalDiscord discord, List<String> guilds) {
        return (int) guilds.stream().filter(g -> !discord.messagesIn(discord.channelIdOf(g)).isEmpty()).count();
    }

    private static void awaitFirstDigest(LocalDiscord discord, List<String> guilds) throws InterruptedException {
        long start = System.nanoTime();
        while (delivered(discord, guilds) == 0) {
            assertThat(System.nanoTime() - start).as("the 0-1 process sent a digest").isLessThan(WAIT.toNanos());
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** The nonces of the pending rows a (now dead) process held: claimed_host is "host/pid". */
    private static List<String> pendingHeldBy(Connection c, long pid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT nonce FROM deliveries WHERE state = 'pending' "
                + "AND claimed_by IS NOT NULL AND claimed_host LIKE ?")) {
            p.setString(1, "%/" + pid);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /** The claimed_host of the rows with these nonces: a completed row keeps who finished it. */
    private static List<String> finishers(Connection c, List<String> nonces) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT claimed_host FROM deliveries WHERE nonce = ?")) {
            for (String nonce : nonces) {
                p.setString(1, nonce);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private static void awaitAllSent(Connection c) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Long sent = DueChannelDigests.countBy(c, "SELECT state, count(*) FROM deliveries GROUP BY state").get("sent");
            if (sent != null && sent >= GUILDS) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
