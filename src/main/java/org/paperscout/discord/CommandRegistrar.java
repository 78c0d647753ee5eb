package org.paperscout.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.paperscout.commands.Choice;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.CommandTexts;
import org.paperscout.commands.MessageAction;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.i18n.Messages;

/**
 * Turns the command layer's specs into Discord application commands, and remembers (by hash, in the data folder)
 * what was last registered so an unchanged bot does not re-register on every start: global updates take up to an
 * hour to reach clients and count against a daily limit.
 */
final class CommandRegistrar {

    static final String HASH_FILE = "discord-commands.sha256";
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Discord's languages that have a bundle; Latin American Spanish reads the same file as Spain's. */
    static final List<DiscordLocale> LOCALIZED = List.of(DiscordLocale.GERMAN, DiscordLocale.FRENCH,
            DiscordLocale.SPANISH, DiscordLocale.SPANISH_LATAM, DiscordLocale.PORTUGUESE_BRAZILIAN,
            DiscordLocale.JAPANESE, DiscordLocale.CHINESE_CHINA);

    private final org.paperscout.commands.Commands commands;
    private final Path hashFile;

    CommandRegistrar(org.paperscout.commands.Commands commands, Path dataDir) {
        this.commands = commands;
        this.hashFile = dataDir.resolve(HASH_FILE);
    }

    /** Every slash command, then every message context command, as JDA will send them. */
    List<CommandData> commandData() {
        List<CommandData> all = new ArrayList<>();
        for (CommandSpec spec : commands.specs()) {
            all.add(slash(spec));
        }
        for (MessageAction action : commands.messageActions()) {
            all.add(Commands.message(action.name())
                    .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM));
        }
        return all;
    }

    /** The registered JSON with keys sorted, so the hash and the snapshot file do not depend on map order. */
    String canonicalJson() {
        DataArray array = DataArray.empty();
        commandData().forEach(c -> array.add(c.toData()));
        try {
            Object tree = CANONICAL.readValue(array.toString(), Object.class);
            return CANONICAL.writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stamp written after a successful registration: where the commands went (bot and scope, so a new token
     * or dev guild registers again) and the hash of what was sent.
     */
    String stamp(String botId, String scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return "bot " + botId + " " + scope + " " + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    boolean unchanged(String stamp) {
        return lastStamp().map(stamp::equals).orElse(false);
    }

    Optional<String> lastStamp() {
        try {
            return Files.isRegularFile(hashFile)
                    ? Optional.of(Files.readString(hashFile, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            // An unreadable stamp only costs one registration.
            return Optional.empty();
        }
    }

    /** Written through a temporary file so a crash never leaves half a stamp (which would only re-register). */
    void remember(String stamp) throws IOException {
        Files.createDirectories(hashFile.getParent());
        Path tmp = hashFile.resolveSibling(HASH_FILE + ".tmp");
        Files.writeString(tmp, stamp + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, hashFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static SlashCommandData slash(CommandSpec spec) {
        SlashCommandData data = Commands.slash(spec.name(), spec.description());
        data.setDescriptionLocalizations(localized(CommandTexts.descriptionKey(spec.name(), null)));
        if (spec.subcommands().isEmpty()) {
            spec.options().forEach(o -> data.addOptions(option(o, CommandTexts.optionKey(spec.name(), null, o.name()))));
        } else {
            for (CommandSpec sub : spec.subcommands()) {
                SubcommandData s = new SubcommandData(sub.name(), sub.description());
                s.setDescriptionLocalizations(localized(CommandTexts.descriptionKey(spec.name(), sub.name())));
                sub.options().forEach(o -> s.addOptions(
                        option(o, CommandTexts.optionKey(spec.name(), sub.name(), o.name()))));
                data.addSubcommands(s);
            }
        }
        if (spec.manageServer()) {
            // Hidden from members without Manage Server by Discord; still re-checked when the command runs,
            // because server admins can override who sees a command.
            data.setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER));
            data.setContexts(InteractionContextType.GUILD);
        } else {
            data.setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
        }
        return data;
    }

    /**
     * The translations of one description or choice name, by Discord locale. Command and option names are not
     * localized: they stay the English words the console, /help, the README and people's habits use, and a Japanese
     * or Chinese name would have to be typed in that script; Discord shows the localized descriptions under the
     * English names. Choice names are, as they are picked from a list, never typed; their values stay English.
     */
    static Map<DiscordLocale, String> localized(String key) {
        Map<DiscordLocale, String> out = new EnumMap<>(DiscordLocale.class);
        for (DiscordLocale locale : LOCALIZED) {
            Messages.of(locale.toLocale()).translation(key).ifPresent(text -> out.put(locale, text));
        }
        return out;
    }

    /** @param key the option's message key, under which its description and its choices' names are translated */
    static OptionData option(OptionSpec o, String key) {
        OptionData data = new OptionData(type(o.type()), o.name(), o.description(), o.required(), o.autocomplete());
        data.setDescriptionLocalizations(localized(key));
        for (Choice c : o.choices()) {
            Command.Choice choice = switch (o.type()) {
                case INTEGER -> new Command.Choice(c.name(), Long.parseLong(c.value()));
                case NUMBER -> new Command.Choice(c.name(), Double.parseDouble(c.value()));
                default -> new Command.Choice(c.name(), c.value());
            };
            data.addChoices(choice.setNameLocalizations(localized(CommandTexts.choiceKey(key, c.value()))));
        }
        if (o.type() == OptionType.STRING) {
            if (o.min() != null) {
                data.setMinLength(o.min().intValue());
            }
            if (o.max() != null) {
                data.setMaxLength(o.max().intValue());
            }
        } else if (o.type() == OptionType.INTEGER || o.type() == OptionType.NUMBER) {
            if (o.min() != null) {
                data.setMinValue(o.min());
            }
            if (o.max() != null) {
                data.setMaxValue(o.max());
            }
        }
        return data;
    }

    private static net.dv8tion.jda.api.interactions.commands.OptionType type(OptionType t) {
        return switch (t) {
            case STRING -> net.dv8tion.jda.api.interactions.commands.OptionType.STRING;
            case INTEGER -> net.dv8tion.jda.api.interactions.commands.OptionType.INTEGER;
            case NUMBER -> net.dv8tion.jda.api.interactions.commands.OptionType.NUMBER;
            case BOOLEAN -> net.dv8tion.jda.api.interactions.commands.OptionType.BOOLEAN;
            case CHANNEL -> net.dv8tion.jda.api.interactions.commands.OptionType.CHANNEL;
            case USER -> net.dv8tion.jda.api.interactions.commands.OptionType.USER;
            case ROLE -> net.dv8tion.jda.api.interactions.commands.OptionType.ROLE;
        };
    }
}
