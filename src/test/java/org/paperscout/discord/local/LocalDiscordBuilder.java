package org.paperscout.discord.local;

import java.time.Clock;
import java.time.Duration;

/** Options for {@link LocalDiscord}; every one has a Discord-like default. */
public final class LocalDiscordBuilder {
    Clock clock = Clock.systemUTC();
    Duration answerDeadline = LocalDiscord.DEFAULT_ANSWER_DEADLINE;
    int heartbeatIntervalMs = 41_250;
    String acceptedToken;
    boolean guildInReady = true;
    String locale = "en-US";
    OpenApiSchemaValidator validator;
    int extraChannels;
    int extraGuilds;
    int recommendedShards = 1;
    boolean threadsDenied;

    LocalDiscordBuilder() {
    }

    /** Adds {@code n} guilds beyond the test guild (ids from {@link LocalDiscord#extraGuildId(int)}). */
    /** The bot's role in the test guild lacks Create Public Threads: thread creation answers 403 code 50013. */
    public LocalDiscordBuilder withoutThreadPermission() {
        this.threadsDenied = true;
        return this;
    }

    public LocalDiscordBuilder extraGuilds(int n) {
        this.extraGuilds = n;
        return this;
    }

    /** The shard count {@code GET /gateway/bot} recommends; 1 by default. */
    public LocalDiscordBuilder recommendedShards(int n) {
        this.recommendedShards = n;
        return this;
    }

    /** Adds {@code n} more text channels to the guild (ids from {@link LocalDiscord#extraChannelId(int)}). */
    public LocalDiscordBuilder extraChannels(int n) {
        this.extraChannels = n;
        return this;
    }

    /**
     * Clock for timestamps, snowflakes and the nonce window. JDA compares interaction ids with its own system
     * clock (a token expires 15 minutes after the id's time), so keep it near real time.
     */
    public LocalDiscordBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Discord's 3 seconds by default; measured from dispatch to arrival of the first callback. */
    public LocalDiscordBuilder answerDeadline(Duration deadline) {
        this.answerDeadline = deadline;
        return this;
    }

    /** HELLO's heartbeat interval (Discord: about 41 s); short values exercise JDA's heartbeat path. */
    public LocalDiscordBuilder heartbeatInterval(Duration interval) {
        this.heartbeatIntervalMs = Math.toIntExact(interval.toMillis());
        return this;
    }

    /**
     * Only this bot token is accepted: other tokens get 401 on REST (JDA's start-up {@code GET users/@me} then
     * throws InvalidTokenException) and close code 4004 on IDENTIFY. By default every token is accepted.
     */
    public LocalDiscordBuilder acceptedToken(String token) {
        this.acceptedToken = token;
        return this;
    }

    /**
     * With false, READY lists no guilds and sends no GUILD_CREATE; interactions still carry the partial
     * {@code guild} object and JDA builds detached guilds (a different code path, see discord-local.md).
     */
    public LocalDiscordBuilder guildInReady(boolean cached) {
        this.guildInReady = cached;
        return this;
    }

    /** The user's and guild's locale in interactions, "en-US" by default. */
    public LocalDiscordBuilder locale(String locale) {
        this.locale = locale;
        return this;
    }

    /** The schema validator; by default {@link OpenApiSchemaValidator#fromEnvironment()}. */
    public LocalDiscordBuilder validator(OpenApiSchemaValidator validator) {
        this.validator = validator;
        return this;
    }

    public LocalDiscord start() {
        return LocalDiscord.create(this);
    }
}
