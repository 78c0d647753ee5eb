package org.paperscout.discord;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.paperscout.commands.Commands;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord front end: logs in with JDA (light, no privileged intents), registers the command layer's commands,
 * and answers interactions through {@link InteractionRouter}. Built before the app (no network), so the app's digest
 * publisher and club channels can hold it from the start; {@link #start} blocks until the bot is online;
 * {@link #close()} stops taking work, lets in-flight replies finish (bounded), then disconnects.
 *
 * <p>The ShardManager itself is built in {@link #start}, with the listeners on its builder, rather than before the
 * app with {@code build(false)}: while the shard total is Discord's recommendation (-1) JDA creates its shard cache
 * only at login, and {@code ShardManager.addEventListener} walks that cache, so listeners (the router needs the
 * commands, which need this bot) could not be added between build and login. Until start, {@link #jdaFor} answers
 * null, which the publisher and club channels treat as "not connected yet".
 */
public final class DiscordBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);
    /** How long JDA may take to flush queued requests and close the socket on shutdown. */
    private static final Duration JDA_SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final DiscordConfig config;
    private final Path dataDir;
    private final Ticker ticker;
    private String token;
    private CommandRegistrar registrar;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService timer;
    private InteractionRouter router;
    private GuildSessions sessions;
    private final ShardWatch shardWatch = new ShardWatch();
    private volatile ShardManager shards;
    private boolean closed;
    private EnumSet<Message.MentionType> previousDefaultMentions;

    /**
     * @param token   the bot token, from the environment variable {@code DISCORD_TOKEN} only; never logged
     * @param dataDir the data folder; the hash of the last registered commands is kept there
     */
    public DiscordBot(DiscordConfig config, String token, Path dataDir) {
        this(config, token, dataDir, Ticker.systemTicker());
    }

    DiscordBot(DiscordConfig config, String token, Path dataDir, Ticker ticker) {
        this.config = config;
        this.token = token;
        this.dataDir = dataDir;
        this.ticker = ticker;
    }

    /**
     * Logs in, waits for the gateway's READY and registers commands (unless unchanged since the last start).
     *
     * @param commands   what the bot answers
     * @param reconciler told the current guild ids after every fresh session and guild leave
     * @throws DiscordStartupException with a one-line message when the token is missing or rejected, Discord
     *                                 cannot be reached, or the dev guild is unknown
     */
    public synchronized void start(Commands commands, GuildReconciler reconciler) {
        if (shards != null || closed) {
            throw new IllegalStateException("a DiscordBot starts once");
        }
        checkTokenShape();
        registrar = new CommandRegistrar(commands, dataDir);
        // JDA's default for every new message; edits set it themselves (see DiscordRenderer.edit). The default is
        // process-wide, so close() puts the previous one back for other JDA users in this JVM (tests).
        previousDefaultMentions = MessageRequest.getDefaultMentions();
        MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));

        workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()), threads("discord-worker"),
                new ThreadPoolExecutor.AbortPolicy());
        timer = Executors.newSingleThreadScheduledExecutor(threads("discord-timer"));
        router = new InteractionRouter(commands, new DiscordRenderer(), config, workers, timer,
                new Cooldown(config.cooldownCommands(), config.cooldownWindow(), ticker));
        sessions = new GuildSessions(timer, reconciler, config.shards().isAll());

        ShardSelection selection = config.shards();
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .addEventListeners(router, sessions, shardWatch)
                .setHttpClientBuilder(NoDelaySockets.httpClient())
                // -1: the count GET /gateway/bot recommends.
                .setShardsTotal(selection.total() == 0 ? -1 : selection.total())
                // Shutdown is ours (close()), so in-flight replies can finish first.
                .setEnableShutdownHook(false);
        if (!selection.isAll()) {
            builder.setShards(selection.ids());
        }
        if (config.restUrl() != null) {
            builder.setRestConfig(new RestConfig().setBaseUrl(config.restUrl()));
        }
        if (config.gatewayUrl() != null) {
            builder.setSessionController(new GatewaySessionController(config.gatewayUrl()))
                    .setCompression(Compression.NONE);
        }
        log.info("Connecting to Discord{}, shards {}", where(), selection);
        String restUrl = config.restUrl() == null ? RestConfig.DEFAULT_BASE_URL : config.restUrl();
        String restKey = config.restUrl() == null ? null : "discord.rest-url";
        try {
            Reachability.check(restUrl, restKey);
            if (config.gatewayUrl() != null && !Reachability.sameAddress(config.gatewayUrl(), restUrl)) {
                Reachability.check(config.gatewayUrl(), "discord.gateway-url");
            }
        } catch (DiscordStartupException e) {
            abort();
            token = null;
            throw e;
        }
        try {
            // Builds and logs in the first shard here (so a bad token fails now); the others follow in JDA's queue.
            shards = builder.build();
        } catch (InvalidTokenException e) {
            abort();
            throw new DiscordStartupException("Discord rejected the token in DISCORD_TOKEN (401 Unauthorized): "
                    + "copy the bot token again from the Discord developer portal.");
        } catch (RuntimeException e) {
            abort();
            // Reachable a moment ago, but the login request itself could not connect.
            Reachability.networkCause(e).ifPresent(cause -> {
                throw Reachability.unreachable(restUrl, restKey, cause);
            });
            throw new DiscordStartupException("Could not log in to Discord" + where() + ": " + scrub(e));
        } finally {
            // JDA keeps its own copy; ours is not needed any more.
            token = null;
        }
        awaitReady();
        registerCommands();
    }

    private void checkTokenShape() {
        if (token == null || token.isBlank()) {
            throw new DiscordStartupException("DISCORD_TOKEN is not set: export your bot's token as DISCORD_TOKEN "
                    + "(or run the console front end, which needs none).");
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new DiscordStartupException("DISCORD_TOKEN contains spaces or line breaks: paste the token "
                    + "exactly as the Discord developer portal shows it.");
        }
    }

    private void awaitReady() {
        try {
            JDA ready = sessions.ready().get(config.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            int expected = config.shards().isAll() ? shards.getShardsTotal() : config.shards().ids().size();
            shardWatch.awaitReady(expected, config.readyTimeout());
            log.info("Online as {} ({}) in {} servers on {} of {} shards", ready.getSelfUser().getName(),
                    ready.getSelfUser().getId(), shards.getShardCache().stream()
                            .mapToLong(s -> s.getGuildCache().size() + s.getUnavailableGuilds().size()).sum(),
                    expected, shards.getShardsTotal());
        } catch (TimeoutException | ExecutionException e) {
            abort();
            throw new DiscordStartupException("No answer from Discord's gateway within " + config.readyTimeout()
                    .toSeconds() + "s" + where() + ": check discord.gateway-url and the network.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new DiscordStartupException("Interrupted while connecting to Discord.");
        }
    }

    private void registerCommands() {
        String scope = config.devGuild() == null ? "global" : "guild " + config.devGuild();
        JDA jda = jdaFor(config.devGuild());
        if (jda == null) {
            // Application commands are per application, not per shard; the process with the guild's shard does it.
            log.info("Not registering commands here: discord.dev-guild is on a shard another process runs");
            return;
        }
        String stamp = registrar.stamp(jda.getSelfUser().getId(), scope);
        if (!config.forceRegister() && registrar.unchanged(stamp)) {
            log.info("Slash commands unchanged since the last start; not registering them again");
            return;
        }
        List<CommandData> data = registrar.commandData();
        try {
            if (config.devGuild() == null) {
                jda.updateCommands().addCommands(data).complete();
            } else {
                Guild guild = jda.getGuildById(config.devGuild());
                if (guild == null) {
                    abort();
                    throw new DiscordStartupException("discord.dev-guild " + config.devGuild()
                            + " is not a server this bot is in: invite the bot there or unset the key.");
                }
                guild.updateCommands().addCommands(data).complete();
            }
        } catch (ErrorResponseException e) {
            abort();
            throw new DiscordStartupException("Discord refused the command registration: " + e.getMeaning()
                    + " (code " + e.getErrorCode() + ").");
        }
        log.info("Registered {} commands ({})", data.size(), scope);
        try {
            registrar.remember(stamp);
        } catch (IOException e) {
            log.warn("Could not record the registered commands in {}; they will be registered again next start: {}",
                    CommandRegistrar.HASH_FILE, e.toString());
        }
    }

    InteractionRouter router() {
        return router;
    }

    /**
     * The shard that serves a guild, by Discord's rule {@code (guild_id >> 22) % total}, or any running shard for a
     * null guild (DMs, REST-only calls); null before start or when another process runs that guild's shard.
     */
    JDA jdaFor(String guildId) {
        ShardManager m = shards;
        if (m == null) {
            return null;
        }
        if (guildId == null || !guildId.matches("\\d{1,20}")) {
            return m.getShardCache().stream().findFirst().orElse(null);
        }
        return m.getShardById(ShardSelection.shardOf(Long.parseLong(guildId), m.getShardsTotal()));
    }

    /** The first running shard (tests in this package). */
    JDA jda() {
        return jdaFor(null);
    }

    /** The shard manager once started (tests in this package). */
    ShardManager shardManager() {
        return shards;
    }

    /** Per-shard state for {@code /status}: one line per shard of this process; null before start. */
    public String shardStatus() {
        ShardManager m = shards;
        return m == null ? null : shardWatch.describe(m.getShardsTotal());
    }

    /** For readiness: null when every shard of this process is connected, else which is not and how it is. */
    public String connectionProblem() {
        ShardManager m = shards;
        if (m == null) {
            return "not started";
        }
        for (JDA shard : m.getShards()) {
            if (shard.getStatus() != JDA.Status.CONNECTED) {
                return "shard " + shard.getShardInfo().getShardId() + " is " + shard.getStatus();
            }
        }
        return null;
    }

    /** Shards of this process that are connected, for operators (a count, so the label set stays bounded). */
    public int connectedShards() {
        ShardManager m = shards;
        return m == null ? 0 : (int) m.getShards().stream().filter(j -> j.getStatus() == JDA.Status.CONNECTED).count();
    }

    /** Shards this process runs; 0 before start. */
    public int runningShards() {
        ShardManager m = shards;
        return m == null ? 0 : m.getShards().size();
    }

    /** The average gateway heartbeat round trip over this process's shards, in ms; NaN before start. */
    public double gatewayPing() {
        ShardManager m = shards;
        return m == null ? Double.NaN : m.getAverageGatewayPing();
    }

    /**
     * Graceful stop: new interactions get a short "restarting" answer, running ones finish within
     * {@code discord.shutdown-grace}, then JDA flushes its queue and disconnects.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (router != null) {
            router.stop();
        }
        try {
            long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
            if (workers != null) {
                workers.shutdown();
                if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} commands still running after {}s; stopping without their answers",
                            workers.getActiveCount() + workers.getQueue().size(), config.shutdownGrace().toSeconds());
                    workers.shutdownNow();
                }
            }
            if (router != null && !router.awaitInFlight(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                log.warn("some answers were still on their way to Discord after {}s",
                        config.shutdownGrace().toSeconds());
            }
            if (timer != null) {
                timer.shutdown();
                timer.awaitTermination(1, TimeUnit.SECONDS);
            }
            if (shards != null) {
                shards.shutdown();
                awaitShardsShutdown(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
        }
        restoreDefaultMentions();
        log.info("Discord front end stopped");
    }

    private void restoreDefaultMentions() {
        if (previousDefaultMentions != null) {
            MessageRequest.setDefaultMentions(previousDefaultMentions);
            previousDefaultMentions = null;
        }
    }

    private void abort() {
        restoreDefaultMentions();
        stopExecutors();
        if (shards != null) {
            shards.getShardCache().forEach(JDA::shutdownNow);
            shards.shutdown();
            try {
                awaitShardsShutdown(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
    }

    /** ShardManager.shutdown() returns at once; each shard's awaitShutdown is what waits for the flush. */
    private void awaitShardsShutdown(boolean now) throws InterruptedException {
        for (JDA shard : shards.getShardCache().asList()) {
            if (now) {
                shard.shutdownNow();
            } else {
                shard.shutdown(); // idempotent; ShardManager's own shutdown runs later on its executor
            }
            if (!shard.awaitShutdown(JDA_SHUTDOWN_WAIT)) {
                shard.shutdownNow();
                shard.awaitShutdown(JDA_SHUTDOWN_WAIT);
            }
        }
    }

    private void stopExecutors() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private String where() {
        return config.restUrl() == null && config.gatewayUrl() == null ? ""
                : " (REST " + (config.restUrl() == null ? "discord.com" : config.restUrl()) + ", gateway "
                + (config.gatewayUrl() == null ? "discord.gg" : config.gatewayUrl()) + ")";
    }

    /** An exception's type and message with the token cut out, in case a library echoed it. */
    private String scrub(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (token != null && !token.isEmpty()) {
            message = message.replace(token, "[token]");
        }
        return e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
    }

    private static ThreadFactory threads(String prefix) {
        // Daemon so a missed close() cannot keep the JVM alive; close() is what lets work finish.
        return DaemonThreads.numbered(prefix);
    }
}
