package org.paperscout.commands;

import java.util.Locale;
import org.paperscout.i18n.Messages;

/**
 * Where a command's descriptions live in the message bundles, for Discord's localizations and /help. The English
 * text stays in each {@link CommandSpec} (the default Discord shows and the console's); the bundles repeat it
 * under these keys so every language has the same set (MessagesBundleTest holds them equal).
 */
public final class CommandTexts {

    private CommandTexts() {
    }

    /** {@code command.follow.description}, or {@code command.follow.topic.description} for a sub-command. */
    public static String descriptionKey(String command, String subcommand) {
        return prefix(command, subcommand) + ".description";
    }

    /** {@code command.search.option.query}, or {@code command.digest.set.option.time} under a sub-command. */
    public static String optionKey(String command, String subcommand, String option) {
        return prefix(command, subcommand) + ".option." + option;
    }

    /**
     * {@code command.search.option.sort.choice.newest}: the name Discord shows for one fixed value of an option
     * (spaces in the value become dashes, as a key has none).
     */
    public static String choiceKey(String optionKey, String value) {
        return optionKey + ".choice." + value.replace(' ', '-');
    }

    /** The description in {@code locale}, or the spec's English one when the language has none. */
    public static String description(Messages messages, String key, String english) {
        return messages.translation(key).orElse(english);
    }

    public static String description(Locale locale, String key, String english) {
        return description(Messages.of(locale), key, english);
    }

    private static String prefix(String command, String subcommand) {
        return "command." + command + (subcommand == null ? "" : "." + subcommand);
    }
}
