package org.paperscout.commands;

import java.util.List;

/**
 * What a command looks like to a front end: its name, description and typed options, or its sub-commands.
 * Discord registers it as a slash command; the console parses lines against it.
 *
 * @param subcommands      sub-commands (then {@code options} is empty), e.g. {@code /follow topic}
 * @param manageServer     only members with Manage Server may run it (checked again at run time)
 * @param mightBeSlow      the front end should acknowledge first and answer when the work is done
 */
public record CommandSpec(String name, String description, List<OptionSpec> options,
                          List<CommandSpec> subcommands, boolean manageServer, boolean mightBeSlow) {

    public CommandSpec {
        options = List.copyOf(options);
        subcommands = List.copyOf(subcommands);
    }

    public static CommandSpec of(String name, String description, OptionSpec... options) {
        return new CommandSpec(name, description, List.of(options), List.of(), false, false);
    }

    public static CommandSpec withSubcommands(String name, String description, CommandSpec... subs) {
        return new CommandSpec(name, description, List.of(), List.of(subs), false, false);
    }

    public CommandSpec slow() {
        return new CommandSpec(name, description, options, subcommands, manageServer, true);
    }

    public CommandSpec requiringManageServer() {
        return new CommandSpec(name, description, options, subcommands, true, mightBeSlow);
    }
}
