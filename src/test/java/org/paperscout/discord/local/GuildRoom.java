package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guilds, members and the application: which guilds the bot is in (the test guild, plus any extra guilds for
 * sharding tests), users, the application object, and application commands per scope.
 */
final class GuildRoom implements Room {

    private static final Pattern GLOBAL_COMMANDS = Pattern.compile("/applications/(\\d+)/commands");
    private static final Pattern GUILD_COMMANDS = Pattern.compile("/applications/(\\d+)/guilds/(\\d+)/commands");
    private static final Pattern ONE_COMMAND = Pattern.compile("/applications/(\\d+)(?:/guilds/(\\d+))?/commands/(\\d+)");
    private static final Pattern USER = Pattern.compile("/users/(\\d+)");
    private static final List<String> KNOWN_USERS =
            List.of(Fixture.BOT_ID, Fixture.ADMIN_ID, Fixture.MEMBER_ID, Fixture.OWNER_ID);

    private final ServerState state;
    private final List<String> extraGuildIds;
    /** For membership checks: a bot in 10,000 guilds asks on every message, so not a list scan. */
    private final java.util.Set<String> extraGuildSet;
    /** The extra guilds' GUILD_CREATE payloads (never modified) and their JSON text. */
    private final Map<String, ObjectNode> extraGuildCreates = new HashMap<>();
    private final Map<String, String> extraGuildJson = new HashMap<>();
    private final Map<String, Map<String, ObjectNode>> commandsByScope = new HashMap<>();
    private boolean botInGuild = true;

    GuildRoom(ServerState state, List<String> extraGuildIds) {
        this.state = state;
        this.extraGuildIds = List.copyOf(extraGuildIds);
        this.extraGuildSet = java.util.Set.copyOf(extraGuildIds);
        // Built once, before the server runs: a shard's READY sends hundreds of them while holding the lock.
        for (String id : extraGuildIds) {
            ObjectNode g = Fixture.extraGuildCreate(id, state.locale);
            extraGuildCreates.put(id, g);
            extraGuildJson.put(id, g.toString());
        }
    }

    @Override
    public Answer route(Request r) {
        Matcher m;
        if ((m = r.match(GUILD_COMMANDS)) != null) {
            return commands(r, m.group(1), m.group(2));
        }
        if ((m = r.match(GLOBAL_COMMANDS)) != null) {
            return commands(r, m.group(1), null);
        }
        if ((m = r.match("DELETE", ONE_COMMAND)) != null) {
            Map<String, ObjectNode> scope = commandsByScope.get(m.group(2) == null ? "global" : m.group(2));
            String commandId = m.group(3);
            if (scope != null && scope.values().removeIf(c -> c.path("id").asText().equals(commandId))) {
                return Answer.noContent();
            }
            return Answer.error(404, 10063, "Unknown application command");
        }
        if (r.is("GET", "/users/@me")) {
            return Answer.json(200, Fixture.selfUser());
        }
        if (r.is("GET", "/applications/@me") || r.is("GET", "/oauth2/applications/@me")) {
            return Answer.json(200, application());
        }
        if ((m = r.match("GET", USER)) != null) {
            return KNOWN_USERS.contains(m.group(1)) ? Answer.json(200, Fixture.user(m.group(1)))
                    : Answer.error(404, 10013, "Unknown User");
        }
        return null;
    }

    // ---------------------------------------------------------------- membership

    /**
     * Complete GUILD_CREATE payloads of the guilds the bot is in now whose id passes (the extra guilds' shared: read,
     * never modify): a shard's READY builds only its
     * own guilds' payloads, not all of them (16 shards of 10,000 guilds would build 160,000 under the lock).
     */
    List<ObjectNode> guildCreates(java.util.function.LongPredicate served) {
        List<ObjectNode> out = new ArrayList<>();
        if (botInGuild && served.test(Long.parseLong(Fixture.GUILD_ID))) {
            out.add(Fixture.guildCreate(state.locale, state.extraChannels, state.threadsDenied));
        }
        for (String id : extraGuildIds) {
            if (served.test(Long.parseLong(id))) {
                out.add(extraGuildCreates.get(id));
            }
        }
        return out;
    }

    /** An extra guild's GUILD_CREATE as JSON text, or null for the test guild (built afresh: it can change). */
    String guildCreateJson(String guildId) {
        return extraGuildJson.get(guildId);
    }

    /** The ids of every guild the bot is in now: the test guild first, then the extra guilds. */
    List<String> guildIds() {
        List<String> out = new ArrayList<>(extraGuildIds.size() + 1);
        if (botInGuild) {
            out.add(Fixture.GUILD_ID);
        }
        out.addAll(extraGuildIds);
        return out;
    }

    boolean isKnownGuild(String guildId) {
        return Fixture.GUILD_ID.equals(guildId) || isExtraGuild(guildId);
    }

    boolean isExtraGuild(String guildId) {
        return extraGuildSet.contains(guildId);
    }

    void setBotInGuild(boolean in) {
        botInGuild = in;
    }

    // ---------------------------------------------------------------- application commands

    List<JsonNode> registeredCommands(String scope) {
        return copies(commandsByScope.getOrDefault(scope, Map.of()).values());
    }

    /** The registered command's id, or a stable one derived from the name so repeated dispatches agree. */
    String commandId(String name, int type) {
        for (Map<String, ObjectNode> scope : commandsByScope.values()) {
            ObjectNode c = scope.get(type + ":" + name);
            if (c != null) {
                return c.path("id").asText();
            }
        }
        return Long.toString(1500000000000000000L + Math.floorMod((long) (type + ":" + name).hashCode(), 1_000_000_000L));
    }

    private Answer commands(Request r, String applicationId, String guildId) {
        if (!Fixture.APPLICATION_ID.equals(applicationId) || guildId != null && !isKnownGuild(guildId)) {
            return Answer.error(403, 50001, "Missing Access");
        }
        Map<String, ObjectNode> scope =
                commandsByScope.computeIfAbsent(guildId == null ? "global" : guildId, k -> new LinkedHashMap<>());
        JsonNode body = r.json();
        switch (r.method()) {
            case "GET":
                return Answer.json(200, array(scope.values()));
            case "PUT": {
                JsonNode list = body == null ? Fixture.JSON.arrayNode() : body;
                Answer invalid = Answer.invalidFormIfAny(DiscordLimits.checkCommands(list));
                if (invalid != null) {
                    return invalid;
                }
                Map<String, ObjectNode> replaced = new LinkedHashMap<>();
                for (JsonNode c : list) {
                    ObjectNode registered = registerCommand(scope, c, guildId);
                    replaced.put(key(registered), registered);
                }
                scope.clear();
                scope.putAll(replaced);
                return Answer.json(200, array(scope.values()));
            }
            case "POST": {
                ArrayNode one = Fixture.JSON.arrayNode().add(body == null ? Fixture.JSON.objectNode() : body);
                ObjectNode errors = DiscordLimits.checkCommands(one);
                if (!errors.isEmpty()) {
                    return Answer.invalidForm(errors.path("0") instanceof ObjectNode o ? o : errors);
                }
                boolean existed = scope.containsKey(key(body));
                ObjectNode registered = registerCommand(scope, body, guildId);
                scope.put(key(registered), registered);
                return Answer.json(existed ? 200 : 201, registered.deepCopy());
            }
            default:
                return Answer.methodNotAllowed();
        }
    }

    private static String key(JsonNode command) {
        return command.path("type").asInt(1) + ":" + command.path("name").asText();
    }

    private ObjectNode registerCommand(Map<String, ObjectNode> scope, JsonNode c, String guildId) {
        ObjectNode existing = scope.get(key(c));
        ObjectNode r = ((ObjectNode) c).deepCopy();
        r.put("id", existing != null ? existing.path("id").asText() : Long.toString(state.nextSnowflake()));
        r.put("application_id", Fixture.APPLICATION_ID);
        r.put("version", Long.toString(state.nextSnowflake()));
        // Discord fills defaults the request left out.
        if (!r.has("type")) {
            r.put("type", 1);
        }
        if (!r.has("description")) {
            r.put("description", "");
        }
        if (!r.has("default_member_permissions")) {
            r.putNull("default_member_permissions");
        }
        if (!r.has("nsfw")) {
            r.put("nsfw", false);
        }
        if (!r.has("contexts")) {
            r.putArray("contexts").add(0).add(1).add(2);
        }
        if (!r.has("integration_types")) {
            r.putArray("integration_types").add(0);
        }
        if (guildId != null) {
            r.put("guild_id", guildId);
        }
        return r;
    }

    private static ObjectNode application() {
        ObjectNode a = Fixture.JSON.objectNode();
        a.put("id", Fixture.APPLICATION_ID);
        a.put("name", "PaperScout");
        a.putNull("icon");
        a.put("description", "Finds papers.");
        a.put("summary", "");
        a.put("bot_public", true);
        a.put("bot_require_code_grant", false);
        a.put("verify_key", "0000000000000000000000000000000000000000000000000000000000000000");
        a.set("owner", Fixture.user(Fixture.OWNER_ID));
        a.putNull("team");
        a.put("flags", 0);
        a.set("bot", Fixture.user(Fixture.BOT_ID));
        return a;
    }

    /** Deep copies, so callers never hold live server state. */
    static List<JsonNode> copies(java.util.Collection<ObjectNode> nodes) {
        return nodes.stream().map(o -> (JsonNode) o.deepCopy()).toList();
    }

    private static ArrayNode array(java.util.Collection<ObjectNode> nodes) {
        ArrayNode out = Fixture.JSON.arrayNode();
        nodes.forEach(c -> out.add(c.deepCopy()));
        return out;
    }
}
