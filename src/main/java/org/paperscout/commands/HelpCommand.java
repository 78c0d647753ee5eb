package org.paperscout.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /help [command]}: what each command does, built from the specs so it never goes stale. */
public final class HelpCommand implements Command {

    private final Supplier<List<CommandSpec>> specs;
    private final Map<String, String> details;

    /**
     * @param specs   every registered command (supplied late: help is one of them)
     * @param details extra text for some commands, e.g. the search operators, how /trending scores papers
     */
    public HelpCommand(Supplier<List<CommandSpec>> specs, Map<String, String> details) {
        this.specs = specs;
        this.details = Map.copyOf(details);
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("help", "What PaperScout can do, or how one command works",
                OptionSpec.string("command", "A command name, e.g. search", false).withAutocomplete());
    }

    @Override
    public Reply handle(Invocation inv) {
        Optional<String> wanted = inv.string("command").map(c -> c.strip().replaceFirst("^/", ""));
        if (wanted.isPresent() && !wanted.get().isEmpty()) {
            CommandSpec spec = specs.get().stream().filter(s -> s.name().equals(wanted.get())).findFirst()
                    .orElseThrow(() -> new UserError("There is no /" + Text.truncate(wanted.get(), 40)
                            + " command. Type /help to see them all."));
            return Reply.builder().title("/" + spec.name()).text(describe(spec)).ephemeral(true).build();
        }
        StringBuilder sb = new StringBuilder();
        for (CommandSpec spec : specs.get()) {
            sb.append(usage(spec)).append(" — ").append(spec.description()).append('\n');
        }
        sb.append("\nType /help <command> for details.");
        return Reply.builder().title("PaperScout commands").text(sb.toString().strip()).ephemeral(true).build();
    }

    @Override
    public List<Choice> autocomplete(Invocation inv, String option, String partial) {
        return specs.get().stream().map(CommandSpec::name).filter(n -> n.startsWith(partial.strip()))
                .map(n -> new Choice(n, n)).toList();
    }

    private String describe(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add(spec.description() + (spec.manageServer() ? " (needs Manage Server)" : ""));
        if (spec.subcommands().isEmpty()) {
            lines.add("Usage: " + usage(spec));
            spec.options().forEach(o -> lines.add("  " + o.name() + (o.required() ? "" : " (optional)") + ": "
                    + o.description() + values(o)));
        } else {
            for (CommandSpec sub : spec.subcommands()) {
                lines.add("/" + spec.name() + " " + sub.name() + optionsUsage(sub) + " — " + sub.description());
            }
        }
        String extra = details.get(spec.name());
        if (extra != null) {
            lines.add("");
            lines.add(extra);
        }
        return String.join("\n", lines);
    }

    /** The fixed values of an option, which a console user cannot pick from a menu as Discord users can. */
    private static String values(OptionSpec option) {
        if (option.choices().isEmpty()) {
            return "";
        }
        List<String> values = option.choices().stream().map(Choice::value).toList();
        return " (" + String.join(" or ", values) + ")";
    }

    private static String usage(CommandSpec spec) {
        if (!spec.subcommands().isEmpty()) {
            return "/" + spec.name() + " " + String.join("|", spec.subcommands().stream().map(CommandSpec::name).toList());
        }
        return "/" + spec.name() + optionsUsage(spec);
    }

    private static String optionsUsage(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        for (OptionSpec o : spec.options()) {
            sb.append(' ').append(o.required() ? o.name() : "[" + o.name() + "]");
        }
        return sb.toString();
    }
}
