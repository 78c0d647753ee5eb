package org.paperscout.discord;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.paperscout.config.Settings;

/**
 * How the Discord front end runs, read once from {@link Settings} at start. The token is deliberately not here:
 * it comes only from {@code DISCORD_TOKEN} and is handed to {@link DiscordBot} on its own.
 *
 * @param restUrl           REST base ending in {@code /api/v10/}, or null for Discord itself
 * @param gatewayUrl        gateway websocket URL, or null for the one Discord announces
 * @param devGuild          register commands to this guild only (instant updates), or null for global
 * @param workers           threads that run commands; never JDA's event thread
 * @param queueCapacity     commands waiting for a worker before the bot answers "busy"
 * @param cooldownCommands  commands (and button clicks) one user may start per {@code cooldownWindow}
 * @param cooldownWindow    the per-user window
 * @param deferAfter        a command not answered after this long is acknowledged ("thinking…") and edited later
 * @param shutdownGrace     how long shutdown waits for in-flight replies
 * @param readyTimeout      how long start waits for the gateway's READY
 * @param ephemeralCommands commands whose answers are personal: acknowledged privately when they must be deferred
 * @param forceRegister     re-register commands even when their hash is unchanged
 * @param shards            which gateway shards this process runs, of how many
 */
public record DiscordConfig(String restUrl, String gatewayUrl, String devGuild, int workers, int queueCapacity,
                            int cooldownCommands, Duration cooldownWindow, Duration deferAfter,
                            Duration shutdownGrace, Duration readyTimeout, Set<String> ephemeralCommands,
                            boolean forceRegister, ShardSelection shards) {

    /** Personal commands from DESIGN.md: their answers only make sense to the caller. */
    public static final List<String> DEFAULT_EPHEMERAL_COMMANDS = List.of("following", "library", "export",
            "my-data", "forget-me", "notify", "tune", "follow", "unfollow", "save", "recommend");

    private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{15,20}");
    private static final String REST_KEY = "discord.rest-url";
    private static final String GATEWAY_KEY = "discord.gateway-url";
    private static final String GUILD_KEY = "discord.dev-guild";
    /** Discord acknowledges within 3 s; deferring at 1.5 s leaves room for a slow network. */
    private static final Duration MAX_DEFER_AFTER = Duration.ofMillis(2500);

    public DiscordConfig {
        ephemeralCommands = Set.copyOf(ephemeralCommands);
    }

    public static DiscordConfig from(Settings s) {
        String rest = s.optionalString(REST_KEY).map(v -> restBase(s, v)).orElse(null);
        String gateway = s.optionalString(GATEWAY_KEY).map(v -> gateway(s, v)).orElse(null);
        String guild = s.optionalString(GUILD_KEY).orElse(null);
        if (guild != null && !SNOWFLAKE.matcher(guild).matches()) {
            throw s.invalid(GUILD_KEY, "a server id (15 to 20 digits)");
        }
        Duration deferAfter = positive(s, "discord.defer-after", Duration.ofMillis(1500));
        if (deferAfter.compareTo(MAX_DEFER_AFTER) > 0) {
            // Discord drops interactions not acknowledged within 3 seconds.
            throw s.invalid("discord.defer-after", "a duration up to 2500ms");
        }
        return new DiscordConfig(rest, gateway, guild,
                s.integer("discord.workers", 4, 1, 64),
                s.integer("discord.queue", 100, 1, 10_000),
                s.integer("discord.cooldown-commands", 5, 1, 1000),
                positive(s, "discord.cooldown-window", Duration.ofSeconds(10)),
                deferAfter,
                positive(s, "discord.shutdown-grace", Duration.ofSeconds(10)),
                positive(s, "discord.ready-timeout", Duration.ofSeconds(60)),
                Set.copyOf(s.list("discord.ephemeral-commands", DEFAULT_EPHEMERAL_COMMANDS)),
                s.bool("discord.force-register", false),
                shards(s));
    }

    private static ShardSelection shards(Settings s) {
        int total = s.integer("discord.shards-total", 0, 1, ShardSelection.MAX_SHARDS);
        ShardSelection.Result r = ShardSelection.parse(s.optionalString("discord.shards").orElse("all"), total);
        return r.selection().orElseThrow(() -> s.invalid("discord.shards", r.problem()));
    }

    /** True when pointed at a Discord-compatible server other than Discord (tests, local runs). */
    public boolean customGateway() {
        return gatewayUrl != null;
    }

    /** A copy pointed at a local server; the rest of the settings stay. */
    public DiscordConfig withServer(String newRestUrl, String newGatewayUrl) {
        return new DiscordConfig(newRestUrl, newGatewayUrl, devGuild, workers, queueCapacity, cooldownCommands,
                cooldownWindow, deferAfter, shutdownGrace, readyTimeout, ephemeralCommands, forceRegister, shards);
    }

    /** A copy running the given shards (tests that start several bots against one local server). */
    public DiscordConfig withShards(ShardSelection newShards) {
        return new DiscordConfig(restUrl, gatewayUrl, devGuild, workers, queueCapacity, cooldownCommands,
                cooldownWindow, deferAfter, shutdownGrace, readyTimeout, ephemeralCommands, forceRegister, newShards);
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (d.isZero() || d.isNegative()) {
            throw s.invalid(key, "a positive duration such as 500ms or 10s");
        }
        return d;
    }

    /** Accepts {@code http://host:port}, {@code .../api/v10} or {@code .../api/v10/}; JDA wants the last form. */
    static String restBase(Settings s, String value) {
        URI uri = uri(s, REST_KEY, value, "http", "https");
        String base = uri.toString().replaceAll("/+$", "");
        if (!base.endsWith("/api/v10")) {
            base += "/api/v10";
        }
        return base + "/";
    }

    private static String gateway(Settings s, String value) {
        return uri(s, GATEWAY_KEY, value, "ws", "wss").toString();
    }

    private static URI uri(Settings s, String key, String value, String... schemes) {
        String expected = "a URL starting with " + String.join("://, ", schemes) + "://";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of(schemes).contains(scheme) || uri.getHost() == null) {
                throw s.invalid(key, expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw s.invalid(key, expected);
        }
    }
}
