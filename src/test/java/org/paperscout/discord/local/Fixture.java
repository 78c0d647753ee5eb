package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The fixed world of {@link LocalDiscord}: one guild with two text channels, a bot, an admin (by role), a plain
 * member and the owner, as the JSON Discord sends. Ids are fixed snowflakes so snapshots stay stable; the application
 * id deliberately differs from the bot user id (true of older Discord apps) so code mixing them up fails here.
 */
final class Fixture {

    static final long DISCORD_EPOCH = 1420070400000L;

    static final String APPLICATION_ID = "1200000000000000001";
    static final String BOT_ID = "1200000000000000002";
    static final String GUILD_ID = "1300000000000000001";
    static final String CHANNEL_ID = "1300000000000000010";
    static final String OTHER_CHANNEL_ID = "1300000000000000011";
    /** "#announcements": @everyone is denied Send Messages and Embed Links there, so the bot cannot post. */
    static final String READ_ONLY_CHANNEL_ID = "1300000000000000012";
    /** Extra channels (Builder.extraChannels) are numbered from here. */
    static final long EXTRA_CHANNEL_BASE = 1300000000001000000L;
    static final String MODERATOR_ROLE_ID = "1300000000000000101";
    static final String BOT_ROLE_ID = "1300000000000000102";
    static final String ADMIN_ID = "1400000000000000001";
    static final String MEMBER_ID = "1400000000000000002";
    static final String OWNER_ID = "1400000000000000003";

    // Permission bits (Discord's documented values).
    static final long ADD_REACTIONS = 1L << 6;
    static final long MANAGE_GUILD = 1L << 5;
    static final long VIEW_CHANNEL = 1L << 10;
    static final long SEND_MESSAGES = 1L << 11;
    static final long EMBED_LINKS = 1L << 14;
    static final long ATTACH_FILES = 1L << 15;
    static final long READ_MESSAGE_HISTORY = 1L << 16;
    static final long USE_EXTERNAL_EMOJIS = 1L << 18;
    static final long USE_APPLICATION_COMMANDS = 1L << 31;
    static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
    static final long CREATE_PUBLIC_THREADS = 1L << 35;
    static final long SEND_POLLS = 1L << 49;

    /** What {@code @everyone} may do in the test guild: talk, read, use commands; no management. */
    static final long EVERYONE_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
            | READ_MESSAGE_HISTORY | ADD_REACTIONS | USE_EXTERNAL_EMOJIS | USE_APPLICATION_COMMANDS
            | SEND_MESSAGES_IN_THREADS;
    static final long MODERATOR_PERMISSIONS = MANAGE_GUILD;
    static final long BOT_ROLE_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
            | READ_MESSAGE_HISTORY | CREATE_PUBLIC_THREADS | SEND_POLLS;

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    static final String JOINED_AT = "2024-01-15T10:00:00.000000+00:00";

    private Fixture() {
    }

    static String userIdOf(UserKind kind) {
        return kind == UserKind.ADMIN ? ADMIN_ID : MEMBER_ID;
    }

    static ObjectNode user(String id) {
        String name = switch (id) {
            case BOT_ID -> "PaperScout";
            case ADMIN_ID -> "ada";
            case MEMBER_ID -> "max";
            case OWNER_ID -> "olive";
            default -> "user" + id.substring(id.length() - 4);
        };
        ObjectNode u = JSON.objectNode();
        u.put("id", id);
        u.put("username", name);
        u.put("discriminator", "0");
        u.put("global_name", BOT_ID.equals(id) ? null : name.substring(0, 1).toUpperCase() + name.substring(1));
        u.putNull("avatar");
        u.put("bot", BOT_ID.equals(id));
        u.put("public_flags", 0);
        u.put("flags", 0);
        return u;
    }

    /** {@code GET users/@me} and READY's {@code user}. */
    static ObjectNode selfUser() {
        ObjectNode u = user(BOT_ID);
        u.put("verified", true);
        u.put("mfa_enabled", false);
        u.putNull("email");
        u.put("locale", "en-US");
        return u;
    }

    static List<String> rolesOf(String userId) {
        return switch (userId) {
            case ADMIN_ID -> List.of(MODERATOR_ROLE_ID);
            case BOT_ID -> List.of(BOT_ROLE_ID);
            default -> List.of();
        };
    }

    static long permissionsOf(String userId) {
        if (OWNER_ID.equals(userId)) {
            return EVERYONE_PERMISSIONS | (1L << 3); // owners are administrators
        }
        long p = EVERYONE_PERMISSIONS;
        for (String role : rolesOf(userId)) {
            p |= MODERATOR_ROLE_ID.equals(role) ? MODERATOR_PERMISSIONS : BOT_ROLE_PERMISSIONS;
        }
        return p;
    }

    static ObjectNode member(String userId) {
        ObjectNode m = JSON.objectNode();
        m.set("user", user(userId));
        ArrayNode roles = m.putArray("roles");
        rolesOf(userId).forEach(roles::add);
        m.putNull("nick");
        m.putNull("avatar");
        m.putNull("banner");
        m.put("joined_at", JOINED_AT);
        m.putNull("premium_since");
        m.put("deaf", false);
        m.put("mute", false);
        m.put("flags", 0);
        m.put("pending", false);
        m.putNull("communication_disabled_until");
        return m;
    }

    private static ObjectNode role(String id, String name, int position, long permissions, boolean managed) {
        ObjectNode r = JSON.objectNode();
        r.put("id", id);
        r.put("name", name);
        r.put("color", 0);
        // JDA 6 reads the newer gradient colours object and fails without it.
        r.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        r.put("hoist", false);
        r.putNull("icon");
        r.putNull("unicode_emoji");
        r.put("position", position);
        r.put("permissions", Long.toString(permissions));
        r.put("managed", managed);
        r.put("mentionable", false);
        r.put("flags", 0);
        if (managed) {
            r.putObject("tags").put("bot_id", BOT_ID);
        }
        return r;
    }

    static ObjectNode textChannel(String id, String name, int position) {
        ObjectNode c = JSON.objectNode();
        c.put("id", id);
        c.put("type", 0);
        c.put("guild_id", GUILD_ID);
        c.put("name", name);
        c.put("position", position);
        c.putArray("permission_overwrites");
        c.put("topic", "Test channel " + name);
        c.put("nsfw", false);
        c.putNull("last_message_id");
        c.put("rate_limit_per_user", 0);
        c.putNull("parent_id");
        c.put("flags", 0);
        return c;
    }

    static ObjectNode dmChannel(String id, String recipientId) {
        ObjectNode c = JSON.objectNode();
        c.put("id", id);
        c.put("type", 1);
        c.putNull("last_message_id");
        c.put("flags", 0);
        c.putArray("recipients").add(user(recipientId));
        return c;
    }

    static ObjectNode channelFor(String channelId) {
        if (READ_ONLY_CHANNEL_ID.equals(channelId)) {
            return readOnlyChannel();
        }
        if (isExtraChannel(channelId, Integer.MAX_VALUE)) {
            return textChannel(channelId, "digest-" + (Long.parseLong(channelId) - EXTRA_CHANNEL_BASE), 3);
        }
        return OTHER_CHANNEL_ID.equals(channelId) ? textChannel(OTHER_CHANNEL_ID, "general", 1)
                : textChannel(CHANNEL_ID, "papers", 0);
    }

    static ObjectNode readOnlyChannel() {
        ObjectNode c = textChannel(READ_ONLY_CHANNEL_ID, "announcements", 2);
        ObjectNode deny = c.withArray("permission_overwrites").addObject();
        deny.put("id", GUILD_ID);
        deny.put("type", 0);
        deny.put("allow", "0");
        deny.put("deny", Long.toString(SEND_MESSAGES | EMBED_LINKS));
        return c;
    }

    static String extraChannelId(int i) {
        return Long.toString(EXTRA_CHANNEL_BASE + i);
    }

    static boolean isExtraChannel(String channelId, int count) {
        try {
            long n = Long.parseLong(channelId) - EXTRA_CHANNEL_BASE;
            return n >= 0 && n < count;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** READY's placeholder for a guild that a GUILD_CREATE will complete. */
    static ObjectNode unavailableGuild() {
        ObjectNode g = JSON.objectNode();
        g.put("id", GUILD_ID);
        g.put("unavailable", true);
        return g;
    }

    /**
     * A complete GUILD_CREATE. JDA waits up to 75 s for it per guild in READY and rejects it silently when a field it
     * needs is missing: afk_timeout must be one of 60/300/900/1800/3600, roles need {@code colors}, the bot must be
     * among the members, and every collection array must be present.
     */
    static ObjectNode guildCreate(String locale) {
        return guildCreate(locale, 0);
    }

    static ObjectNode guildCreate(String locale, int extraChannels) {
        return guildCreate(locale, extraChannels, false);
    }

    /** @param threadsDenied the bot's role lacks Create Public Threads (LocalDiscordBuilder.withoutThreadPermission) */
    static ObjectNode guildCreate(String locale, int extraChannels, boolean threadsDenied) {
        ObjectNode g = JSON.objectNode();
        g.put("id", GUILD_ID);
        g.put("name", "PaperScout Test Lab");
        g.putNull("icon");
        g.putNull("splash");
        g.putNull("discovery_splash");
        g.putNull("banner");
        g.putNull("description");
        g.put("owner_id", OWNER_ID);
        g.putNull("afk_channel_id");
        g.put("afk_timeout", 300);
        g.put("verification_level", 0);
        g.put("default_message_notifications", 1);
        g.put("explicit_content_filter", 0);
        g.put("mfa_level", 0);
        g.put("nsfw_level", 0);
        g.put("premium_tier", 0);
        g.put("premium_subscription_count", 0);
        g.put("premium_progress_bar_enabled", false);
        g.putNull("system_channel_id");
        g.put("system_channel_flags", 0);
        g.putNull("rules_channel_id");
        g.putNull("public_updates_channel_id");
        g.putNull("safety_alerts_channel_id");
        g.putNull("vanity_url_code");
        g.put("preferred_locale", locale);
        g.put("max_members", 500000);
        g.put("max_video_channel_users", 25);
        g.put("member_count", 4);
        g.put("large", false);
        g.put("unavailable", false);
        g.put("joined_at", JOINED_AT);
        g.putArray("features");
        ArrayNode roles = g.putArray("roles");
        roles.add(role(GUILD_ID, "@everyone", 0, EVERYONE_PERMISSIONS, false));
        roles.add(role(MODERATOR_ROLE_ID, "Moderators", 2, MODERATOR_PERMISSIONS, false));
        roles.add(role(BOT_ROLE_ID, "PaperScout", 1,
                threadsDenied ? BOT_ROLE_PERMISSIONS & ~CREATE_PUBLIC_THREADS : BOT_ROLE_PERMISSIONS, true));
        ArrayNode channels = g.putArray("channels");
        List<ObjectNode> all = new java.util.ArrayList<>(List.of(textChannel(CHANNEL_ID, "papers", 0),
                textChannel(OTHER_CHANNEL_ID, "general", 1), readOnlyChannel()));
        for (int i = 0; i < extraChannels; i++) {
            all.add(channelFor(extraChannelId(i)));
        }
        for (ObjectNode c : all) {
            c.remove("guild_id"); // Discord omits it inside GUILD_CREATE
            channels.add(c);
        }
        ArrayNode members = g.putArray("members");
        for (String id : List.of(BOT_ID, ADMIN_ID, MEMBER_ID, OWNER_ID)) {
            members.add(member(id));
        }
        g.putArray("threads");
        g.putArray("emojis");
        g.putArray("stickers");
        g.putArray("voice_states");
        g.putArray("presences");
        g.putArray("stage_instances");
        g.putArray("guild_scheduled_events");
        g.putArray("soundboard_sounds");
        return g;
    }

    /**
     * Extra guild {@code i} for sharding tests. Ids step by one shard key ({@code 1 << 22}) so that consecutive guilds
     * land on consecutive shards under {@code (guild_id >> 22) % num_shards}.
     */
    static String extraGuildId(int i) {
        return Long.toString(((Long.parseLong(GUILD_ID) >> 22) + 1 + i) << 22);
    }

    /** The "#papers" channel of an extra guild: the guild id plus 10, so ids never collide between guilds. */
    static String channelOfGuild(String guildId) {
        return GUILD_ID.equals(guildId) ? CHANNEL_ID : Long.toString(Long.parseLong(guildId) + 10);
    }

    /** The guild whose "#papers" {@link #channelOfGuild} would give this channel id, if it were an extra guild's. */
    static String guildOfChannel(String channelId) {
        try {
            return Long.toString(Long.parseLong(channelId) - 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The text channel of {@code guildId} (test guild or extra guild), with its guild id set. */
    static ObjectNode guildChannel(String guildId) {
        return GUILD_ID.equals(guildId) ? channelFor(CHANNEL_ID)
                : textChannel(channelOfGuild(guildId), "papers", 0).put("guild_id", guildId);
    }

    /** An extra guild's GUILD_CREATE: the test guild's members and permissions, with its own ids for roles and one channel. */
    static ObjectNode extraGuildCreate(String guildId, String locale) {
        ObjectNode g = guildCreate(locale, 0);
        long id = Long.parseLong(guildId);
        g.put("id", guildId);
        g.put("name", "Extra guild " + guildId);
        ArrayNode roles = g.putArray("roles");
        roles.add(role(guildId, "@everyone", 0, EVERYONE_PERMISSIONS, false));
        roles.add(role(Long.toString(id + 101), "Moderators", 2, MODERATOR_PERMISSIONS, false));
        roles.add(role(Long.toString(id + 102), "PaperScout", 1, BOT_ROLE_PERMISSIONS, true));
        ObjectNode channel = guildChannel(guildId);
        channel.remove("guild_id");
        g.putArray("channels").add(channel);
        ArrayNode members = g.putArray("members");
        for (String user : List.of(BOT_ID, ADMIN_ID, MEMBER_ID, OWNER_ID)) {
            ObjectNode m = member(user);
            ArrayNode memberRoles = m.putArray("roles");
            if (user.equals(BOT_ID)) {
                memberRoles.add(Long.toString(id + 102));
            } else if (user.equals(ADMIN_ID)) {
                memberRoles.add(Long.toString(id + 101));
            }
            members.add(m);
        }
        return g;
    }

    /** Snowflake of an instant: Discord's epoch-relative milliseconds in the top 42 bits. */
    static long snowflakeAt(long epochMillis) {
        return (epochMillis - DISCORD_EPOCH) << 22;
    }

    static String timestamp(Instant t) {
        return ISO.format(t.truncatedTo(ChronoUnit.MICROS).atOffset(java.time.ZoneOffset.UTC));
    }
}
